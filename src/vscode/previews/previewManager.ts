import * as vscode from 'vscode';
import type { TerminalTarget } from '../../core/terminal/terminalSession';
import { PreviewGate } from '../../core/previewGate';
import type { Preview } from '../../core/preview';
import { parseRef, refLabel, type RemoteRef } from '../../core/refs/refName';
import { ForgeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { StepName } from '../../core/pipeline/steps';
import type { SessionRun } from '../../core/session/rePreview';
import type { BackendManager } from '../backend';
import { onPreviewClose, readPreviewSettings, SECTION } from '../config';
import type { LoadEngine } from '../engineLoader';
import type { GitHubAuth } from '../githubAuth';
import type { SandboxAction } from '../../core/connect';
import { attemptOf } from '../../core/preview/previewState';
import { DevServerLog } from './devServerLog';
import { PreviewEntry } from './previewEntry';
import { pullWithProgress, restartWithProgress } from './previewLifecycle';
import { runInWindow, timingsText, titleOf, type WindowRun } from './previewRun';
import { PreviewStore } from './previewStore';
import { entryKey, offerRecovery } from './previewRecovery';
import { terminalTargetOf } from './previewTerminal';
import type { PreviewRegistry, PreviewSource } from './types';
import type { PreviewActions } from '../views/previewActions';
import { requireTrustedWorkspace } from '../trust';

export interface PreviewManagerDeps {
  readonly backends: BackendManager;
  readonly logger: Logger;
  readonly state: vscode.Memento;
  /** Opens (or reveals) the preview panel of a source. */
  readonly showPanel: (source: PreviewSource) => void;
  readonly loadEngine: LoadEngine;
  readonly auth: GitHubAuth;
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

  constructor(private readonly deps: PreviewManagerDeps) {
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
    await entry.session.resume();
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
    const key = entryKey(folder, ref);
    const name = ref ? `${folder.name} · ${refLabel(ref)}` : folder.name;
    const previous = this.entries.get(key);
    const log = previous?.log ?? new DevServerLog(name);
    let attempt: number | undefined;
    const run = { folder, key, name, ref, settings: await readPreviewSettings(folder.uri), previous, log, signal };
    try {
      const result = await runInWindow(run, {
        gate: this.gate,
        logger: this.deps.logger,
        loadEngine: this.deps.loadEngine,
        auth: this.deps.auth,
        backend: () => this.deps.backends.get(),
        stepBegan: (step) => this.stepBegan.fire({ folderKey: key, step }),
        sandboxKnown: (sandboxId, created) => void this.store.setPending({ folder: key, sandboxId, created }),
        fullSetup: () => {
          previous?.stopFollowing();
          attempt = previous?.machine.begin({ type: 'setup', detail: 'Setting the preview up again' });
        },
      });
      await this.store.setPending(undefined);
      return await this.settle(run, result, attempt);
    } catch (error) {
      await this.store.setPending(undefined);
      if (previous && attempt !== undefined) previous.apply({ type: 'failed', attempt, cause: error instanceof Error ? error.message : String(error) });
      if (error instanceof ForgeError && error.logTail.length > 0) {
        log.note(`${error.message} Last lines:`);
        log.append(`${error.logTail.join('\n')}\n`);
      }
      throw error;
    }
  }

  /** The run's answer: a ready entry (attached to the new preview after a full setup) and its panel shown. */
  private async settle(run: WindowRun, result: SessionRun, attempt: number | undefined): Promise<PreviewEntry> {
    const { key, previous, log } = run;
    if (result.fast && previous) {
      this.deps.logger.info(`Preview ready (unchanged, dev server answers): sandbox ${previous.sandboxId}, ${timingsText(result.timings)}`);
      this.deps.showPanel(previous);
      return previous;
    }
    if (result.fast) throw new ForgeError('internal', 'The re-preview fast path answered without a preview.');
    const { outcome } = result;
    const entry = this.entries.get(key) ?? this.addEntry(key, outcome.preview, titleOf(outcome.preview.info), log);
    entry.attach(outcome.preview);
    entry.session.remember(result.memo);
    // The pipeline's ready step saw the port answer.
    entry.apply({ type: 'answered', attempt: previous === entry && attempt !== undefined ? attempt : (attemptOf(entry.state) ?? 0), detail: `${outcome.app.framework?.name ?? 'Node'} on port ${outcome.app.port}` });
    entry.followLogs();
    // The dev server's own banner names addresses inside the sandbox (a remapped port, a sandbox network address).
    log.note(`The dev server listens on port ${outcome.app.port} inside the sandbox; the addresses it prints are the sandbox's own. Open the app through the preview panel, Copy Link or Open in Browser.`);
    await this.store.set(key, outcome.preview.info);
    this.changed.fire();
    this.deps.logger.info(`Preview ready: sandbox ${outcome.preview.info.sandboxId}, ${timingsText(outcome.timings)}`);
    this.deps.showPanel(entry);
    return entry;
  }

  private addEntry(folderKey: string, preview: Preview, title: string, log?: DevServerLog): PreviewEntry {
    const output = log ?? new DevServerLog(title);
    const session = new (this.deps.loadEngine().PreviewSession)(preview, {
      output,
      logger: this.deps.logger,
      settings: () => readPreviewSettings(vscode.Uri.parse(folderKey)),
      githubToken: (interactive: boolean, githubHost: string) => this.deps.auth.token(interactive, githubHost),
    });
    const entry = new PreviewEntry(folderKey, session, output, this.deps.logger);
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

  /** Offers to resume or clean up a preview that VS Code closed on while it was being set up. */
  offerRecovery(): Promise<void> {
    return offerRecovery({ store: this.store, backends: this.deps.backends, logger: this.deps.logger, preview: (folder, ref) => this.preview(folder, undefined, ref) });
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
    return restartWithProgress(entry, why);
  }

  /** Something else restarted the dev server (a reinstall after a lockfile change): ready once it answers. */
  restartedElsewhere(entry: PreviewEntry, why: string): Promise<void> {
    return entry.session.restarted(why);
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
    const result = await pullWithProgress(entry);
    void vscode.window.showInformationMessage(`Forge: ${result.updated ? 'pulled new commits' : 'already up to date'}${result.reinstalled ? ', reinstalled dependencies' : ''}, dev server restarted.`);
  }

  async terminalTarget(sandboxId: string): Promise<TerminalTarget> {
    return terminalTargetOf(await this.entryFor(sandboxId), sandboxId, this.deps.backends, this.deps.loadEngine);
  }

  stateWordsOf(sandboxId: string): string | undefined {
    return [...this.entries.values()].find((e) => e.sandboxId === sandboxId)?.status().words;
  }

  /** A lifecycle action on a sandbox succeeded (tree or palette): move its preview's state along. */
  async sandboxChanged(sandboxId: string, action: SandboxAction | 'gone'): Promise<void> {
    const entry = action === 'start' || action === 'recover' ? await this.entryFor(sandboxId) : [...this.entries.values()].find((e) => e.sandboxId === sandboxId);
    if (!entry || !(await entry.session.sandboxChanged(action))) return;
    await this.store.remove(sandboxId);
    this.changed.fire();
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
      const result = await entry.session.close(action, 'the sandbox was stopped when its preview closed (forge.onPreviewClose)');
      if (result === 'deleted') await this.forget(sandboxId);
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
