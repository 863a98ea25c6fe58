import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TerminalTarget } from '../../core/terminal/terminalSession';
import { PreviewGate } from '../../core/previewGate';
import type { Preview, PreviewInfo } from '../../core/preview';
import { parseRef, refLabel, type RemoteRef } from '../../core/refs/refName';
import { ForgeError } from '../../common/errors';
import type { DetectedApp } from '../../core/types';
import type { Logger } from '../../common/logger';
import type { StepName } from '../../core/pipeline/steps';
import { STEPS } from '../../core/pipeline/steps';
import type { BackendManager } from '../backend';
import { onPreviewClose, readPreviewSettings, SECTION } from '../config';
import type { LoadEngine } from '../engineLoader';
import { githubToken } from '../githubAuth';
import type { SandboxAction } from '../../core/connect';
import { attemptOf } from '../../core/preview/previewState';
import { DevServerLog } from './devServerLog';
import { PreviewEntry } from './previewEntry';
import { PreviewLifecycle } from './previewLifecycle';
import { PreviewStore } from './previewStore';
import type { PreviewRegistry, PreviewSource } from './types';
import type { PreviewActions } from '../views/previewActions';
import { requireTrustedWorkspace } from '../trust';
import { askAboutErroredSandbox } from './erroredSandboxPrompt';

export interface PreviewManagerDeps {
  readonly backends: BackendManager;
  readonly logger: Logger;
  readonly state: vscode.Memento;
  /** Opens (or reveals) the preview panel of a source. */
  readonly showPanel: (source: PreviewSource) => void;
  readonly loadEngine: LoadEngine;
}

/**
 * Runs "Preview this repo" for workspace folders and keeps track of the previews this window shows: their
 * dev-server logs, status, and what is remembered across reloads.
 */
export class PreviewManager implements PreviewRegistry, PreviewActions, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly stepBegan = new vscode.EventEmitter<{ readonly folderKey: string; readonly step: StepName }>();
  /** A pipeline step began (tests cancel at a given step through it). */
  readonly onDidBeginStep = this.stepBegan.event;
  private readonly stateChanged = new vscode.EventEmitter<void>();
  /** Fires when the state (not the sync progress) of any preview changed. */
  readonly onDidChangeState = this.stateChanged.event;
  private readonly entries = new Map<string, PreviewEntry>();
  private readonly store: PreviewStore;
  /** forge.maxConcurrentPreviews (and one preview per folder or ref at a time). */
  readonly gate = new PreviewGate(maxConcurrent());

  private readonly lifecycle: PreviewLifecycle;

  constructor(private readonly deps: PreviewManagerDeps) {
    this.lifecycle = new PreviewLifecycle(deps.backends, deps.loadEngine);
    this.store = new PreviewStore(deps.state);
  }

  current(): PreviewSource | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? this.entries.get(folder.uri.toString()) : undefined;
  }

  all(): readonly PreviewEntry[] {
    return [...this.entries.values()];
  }

  async sourceFor(sandboxId: string): Promise<PreviewSource | undefined> {
    return this.entryFor(sandboxId);
  }

  /** The entry of a sandbox, reconnecting to a preview remembered from before a reload. */
  async entryFor(sandboxId: string): Promise<PreviewEntry | undefined> {
    const live = [...this.entries.values()].find((e) => e.sandboxId === sandboxId);
    if (live) return live;
    const remembered = this.store.bySandbox(sandboxId);
    if (!remembered) return undefined;
    const { folderKey, info } = remembered;
    const { daytona } = await this.deps.backends.get();
    let preview: Preview;
    try {
      preview = await this.deps.loadEngine().Preview.reconnect(daytona, info, this.deps.logger);
    } catch {
      await this.store.remove(sandboxId);
      return undefined;
    }
    const entry = this.addEntry(folderKey, preview, titleOf(info));
    const health = await preview.health().catch(() => undefined);
    if (health?.devServerRunning) {
      entry.followLogs(preview);
      // Running, but ready only once it answers (it may still be coming up after a reload).
      void this.lifecycle.restarted(entry, 'Reconnecting to the dev server').catch((error: unknown) => this.deps.logger.warn(`Reconnecting to ${entry.title}: ${describe(error)}`));
    } else {
      entry.apply({ type: 'stopped', reason: health ? (health.sandboxState === 'started' ? 'the dev server is not running' : `the sandbox is ${health.sandboxState}`) : 'the sandbox could not be reached' });
    }
    return entry;
  }

  /** "Forge: Preview this repo" for a workspace folder. */
  async preview(folder: vscode.WorkspaceFolder, signal?: AbortSignal, ref?: RemoteRef): Promise<PreviewEntry> {
    requireTrustedWorkspace('preview a repository');
    const unclaim = this.gate.claim(entryKey(folder, ref), folder.name);
    try {
      return await this.runPipeline(folder, signal, ref);
    } finally {
      unclaim();
    }
  }

  private async runPipeline(folder: vscode.WorkspaceFolder, signal: AbortSignal | undefined, ref: RemoteRef | undefined): Promise<PreviewEntry> {
    const settings = await readPreviewSettings(folder.uri);
    const key = entryKey(folder, ref);
    const name = ref ? `${folder.name} · ${refLabel(ref)}` : folder.name;
    const previous = this.entries.get(key);
    previous?.stopFollowing();
    const attempt = previous?.machine.begin({ type: 'setup', detail: 'Setting the preview up again' });
    const log = previous?.log ?? new DevServerLog(name);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Forge', cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      signal?.addEventListener('abort', () => abort.abort(), { once: true });
      const release = await this.gate.slot(abort.signal, (position) => {
        progress.report({ message: `Waiting for another preview to finish setting up (${position} in line)…` });
        this.deps.logger.info(`Preview of ${folder.name} waits its turn: ${this.gate.running} previews are being set up`);
      });
      try {
        const backend = await this.deps.backends.get();
        const engine = this.deps.loadEngine();
        const share = 100 / STEPS.length;
        log.note(`Preview of ${name} on ${backend.displayName.replace(/^The /, 'the ')}`);
        // The install and dev-server output is what the user wants to watch while they wait.
        log.show();
        const outcome = await engine.runPreview({
          folder: folder.uri.fsPath,
          daytona: backend.daytona,
          backend: backend.connection.kind,
          settings,
          tree: engine.createWorkingTreeReader(this.deps.logger),
          signal: abort.signal,
          logger: this.deps.logger,
          progress: {
            begin: (step: StepName, title: string) => {
              progress.report({ message: `${title}…` });
              this.stepBegan.fire({ folderKey: key, step });
            },
            detail: (_step: StepName, message: string) => progress.report({ message }),
            end: () => progress.report({ increment: share }),
          },
          githubToken: (interactive: boolean) => githubToken(interactive, settings.githubHost),
          chooseApp,
          onErroredSandbox: askAboutErroredSandbox,
          onLog: (text) => log.append(text),
          onSandbox: (sandboxId, created) => void this.store.setPending({ folder: key, sandboxId, created }),
          ...(ref ? { ref } : {}),
        });
        await this.store.setPending(undefined);
        const entry = this.entries.get(key) ?? this.addEntry(key, outcome.preview, titleOf(outcome.preview.info), log);
        entry.attach(outcome.preview);
        // The pipeline's ready step saw the port answer.
        entry.apply({ type: 'answered', attempt: previous === entry && attempt !== undefined ? attempt : (attemptOf(entry.state) ?? 0), detail: `${outcome.app.framework?.name ?? 'Node'} on port ${outcome.app.port}` });
        entry.followLogs(outcome.preview);
        // The dev server's own banner names addresses inside the sandbox (a remapped port, a sandbox network address).
        log.note(`The dev server listens on port ${outcome.app.port} inside the sandbox; the addresses it prints are the sandbox's own. Open the app through the preview panel, Copy Link or Open in Browser.`);
        await this.store.set(key, outcome.preview.info);
        this.changed.fire();
        this.deps.logger.info(`Preview ready: sandbox ${outcome.preview.info.sandboxId}, ${Object.entries(outcome.timings).map(([s, ms]) => `${s} ${ms} ms`).join(', ')}`);
        this.deps.showPanel(entry);
        return entry;
      } catch (error) {
        await this.store.setPending(undefined);
        if (previous && attempt !== undefined) previous.apply({ type: 'failed', attempt, cause: error instanceof Error ? error.message : String(error) });
        if (error instanceof ForgeError && error.logTail.length > 0) {
          log.note(`${error.message} Last lines:`);
          log.append(`${error.logTail.join('\n')}\n`);
        }
        throw error;
      } finally {
        release();
      }
    });
  }

  private addEntry(folderKey: string, preview: Preview, title: string, log?: DevServerLog): PreviewEntry {
    const entry = new PreviewEntry(folderKey, preview, log ?? new DevServerLog(title), this.deps.logger);
    let phase = entry.status().phase;
    entry.onDidChangeStatus(() => {
      if (entry.status().phase === phase) return;
      phase = entry.status().phase;
      this.stateChanged.fire();
    });
    this.entries.get(folderKey)?.dispose();
    this.entries.set(folderKey, entry);
    this.changed.fire();
    return entry;
  }

  /**
   * After VS Code went away in the middle of setting up a preview, offers to resume it (the sandbox is found again
   * by its labels) or to clean up the sandbox it was creating. Loads nothing unless there is such a sandbox.
   */
  async offerRecovery(): Promise<void> {
    const pending = this.store.pending();
    if (!pending) return;
    await this.store.setPending(undefined);
    const [folderKey, refPart] = pending.folder.split(REF_MARK);
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === folderKey);
    const choice = await vscode.window.showWarningMessage(
      `Forge was setting up a preview${folder ? ` of ${folder.name}` : ''} when VS Code closed. Its sandbox may still be running.`,
      ...(folder ? ['Resume'] : []),
      'Clean Up',
    );
    if (choice === 'Resume' && folder) {
      await this.preview(folder, undefined, refPart ? parseRef(decodeURIComponent(refPart)) : undefined);
    } else if (choice === 'Clean Up') {
      const { daytona } = await this.deps.backends.get();
      const sandbox = await daytona.get(pending.sandboxId).catch(() => undefined);
      if (!sandbox) return;
      if (pending.created) await sandbox.delete(60);
      else await sandbox.stop(60);
      this.deps.logger.info(`Cleaned up sandbox ${pending.sandboxId} left by an interrupted preview`);
    }
  }

  async openPreview(sandboxId: string): Promise<void> {
    this.deps.showPanel(await this.requireEntry(sandboxId));
  }

  async showLogs(sandboxId: string): Promise<void> {
    (await this.requireEntry(sandboxId)).log.show();
  }

  async restartDevServer(sandboxId: string): Promise<void> {
    await this.restart(await this.requireEntry(sandboxId));
  }

  /** Restarts a preview's dev server in place; resolves once the new one answers. */
  restart(entry: PreviewEntry, why?: string): Promise<void> {
    return this.lifecycle.restart(entry, why);
  }

  /** Something else restarted the dev server (a reinstall after a lockfile change): ready once it answers. */
  restartedElsewhere(entry: PreviewEntry, why: string): Promise<void> {
    return this.lifecycle.restarted(entry, why);
  }

  async pullAndRestart(sandboxId: string): Promise<void> {
    requireTrustedWorkspace('pull and restart a preview');
    const entry = await this.requireEntry(sandboxId);
    // A branch / pull request preview follows its ref, not the local branch: preview the ref again (same sandbox).
    const ref = entry.preview.info.key.ref;
    const folder = ref ? vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(entry.folderKey)) : undefined;
    if (ref && folder) {
      await this.preview(folder, undefined, parseRef(ref));
      return;
    }
    const result = await this.lifecycle.pullAndRestart(entry);
    void vscode.window.showInformationMessage(`Forge: ${result.updated ? 'pulled new commits' : 'already up to date'}${result.reinstalled ? ', reinstalled dependencies' : ''}, dev server restarted.`);
  }

  async terminalTarget(sandboxId: string): Promise<TerminalTarget> {
    const entry = await this.entryFor(sandboxId);
    if (entry) {
      const { repoPath, app, port } = entry.preview.info;
      const settings = await readPreviewSettings(vscode.Uri.parse(entry.folderKey));
      return { process: entry.preview.sandbox.process, cwd: path.posix.join(repoPath, app.installPath), envs: { ...app.env, PORT: String(port), ...settings.envVars } };
    }
    const sandbox = await this.mapErrors('opening the sandbox', async () => (await this.deps.backends.get()).daytona.get(sandboxId));
    return { process: sandbox.process };
  }

  /** SDK errors become messages a user can act on (a deleted sandbox, a bad key, a quota …). */
  private async mapErrors<T>(doing: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw this.deps.loadEngine().toForgeError(error, doing, (await this.deps.backends.get()).displayName);
    }
  }

  stateWordsOf(sandboxId: string): string | undefined {
    return [...this.entries.values()].find((e) => e.sandboxId === sandboxId)?.status().words;
  }

  /** A lifecycle action on a sandbox succeeded (tree or palette): move its preview's state along. */
  async sandboxChanged(sandboxId: string, action: SandboxAction | 'gone'): Promise<void> {
    const entry = action === 'start' || action === 'recover' ? await this.entryFor(sandboxId) : [...this.entries.values()].find((e) => e.sandboxId === sandboxId);
    if (!entry) return;
    switch (action) {
      case 'start':
      case 'recover':
        // The sandbox's processes ended with the stop: a preview needs its dev server started again.
        await this.lifecycle.started(entry);
        return;
      case 'stop':
        entry.stopFollowing();
        entry.apply({ type: 'stopped', reason: 'the sandbox was stopped' });
        return;
      case 'archive':
      case 'delete':
      case 'gone':
        entry.stopFollowing();
        entry.apply({ type: 'deleted' });
        await this.store.remove(sandboxId);
        this.changed.fire();
        return;
    }
  }

  private async requireEntry(sandboxId: string): Promise<PreviewEntry> {
    const entry = await this.entryFor(sandboxId);
    if (entry) return entry;
    throw new ForgeError('internal', 'This sandbox has no preview that Forge set up in this workspace.', {
      hint: 'Open its repository and run "Forge: Preview this repo", or use Open in Browser on its port.',
    });
  }

  /** A preview panel closed: keep, stop or delete its sandbox as `forge.onPreviewClose` says. */
  async panelClosed(sandboxId: string): Promise<void> {
    const action = onPreviewClose();
    if (action === 'keep') return;
    const entry = [...this.entries.values()].find((e) => e.sandboxId === sandboxId);
    if (!entry) return;
    try {
      entry.stopFollowing();
      if (action === 'delete') {
        await entry.preview.sandbox.delete(60);
        await this.forget(sandboxId);
      } else {
        await entry.preview.sandbox.stop(60);
        entry.apply({ type: 'stopped', reason: 'the sandbox was stopped when its preview closed (forge.onPreviewClose)' });
      }
      this.deps.logger.info(`Preview closed: sandbox ${sandboxId} ${action === 'delete' ? 'deleted' : 'stopped'} (forge.onPreviewClose)`);
      this.changed.fire();
    } catch (error) {
      this.deps.logger.warn(`Could not ${action} sandbox ${sandboxId} after its preview closed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Forget a preview whose sandbox was deleted. */
  async forget(sandboxId: string): Promise<void> {
    for (const [key, entry] of this.entries) {
      if (entry.sandboxId === sandboxId) {
        entry.dispose();
        this.entries.delete(key);
      }
    }
    await this.store.remove(sandboxId);
    this.changed.fire();
  }

  get pendingStore(): PreviewStore {
    return this.store;
  }

  refreshLimits(): void {
    this.gate.setLimit(maxConcurrent());
  }

  dispose(): void {
    for (const entry of this.entries.values()) entry.dispose();
    this.entries.clear();
    this.changed.dispose();
    this.stateChanged.dispose();
    this.stepBegan.dispose();
  }
}

function maxConcurrent(): number {
  return vscode.workspace.getConfiguration(SECTION).get<number>('maxConcurrentPreviews', 5);
}

const REF_MARK = '#forge-ref=';

/** Previews are kept per folder, and per remote ref previewed from that folder. */
function entryKey(folder: vscode.WorkspaceFolder, ref: RemoteRef | undefined): string {
  return ref ? `${folder.uri.toString()}${REF_MARK}${encodeURIComponent(refLabel(ref))}` : folder.uri.toString();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function titleOf(info: PreviewInfo): string {
  return `${info.key.repo.replace(/^local:/, '')} · ${info.key.branch}`;
}

async function chooseApp(apps: readonly DetectedApp[]): Promise<DetectedApp | undefined> {
  const picked = await vscode.window.showQuickPick(
    apps.map((app) => ({ label: app.name, description: app.appPath || '(root)', detail: `${app.framework?.name ?? 'Node'} · ${app.devCommand}`, app })),
    { title: 'Forge: this repository has several apps', placeHolder: 'Which app should the preview run? (Set forge.appPath to skip this question.)', ignoreFocusOut: true },
  );
  return picked?.app;
}
