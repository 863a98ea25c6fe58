// "Preview this repo" as the window shows it: a cancellable progress notification over the core's
// `previewOrReuse` (the pipeline, or the re-preview fast path), the dev server's log in the Output panel, a
// quick pick when the repository has several apps. The preview's state and life are the core session's.
import * as vscode from 'vscode';
import type { DetectedApp } from '../../core/types';
import type { Logger } from '../../common/logger';
import { STEPS, type StepName } from '../../core/pipeline/steps';
import type { PreviewSettings } from '../../core/pipeline/settings';
import type { RemoteRef } from '../../core/refs/refName';
import type { PreviewGate } from '../../core/previewGate';
import type { PreviewInfo } from '../../core/preview';
import type { SessionRun } from '../../core/session/rePreview';
import type { ActiveBackend } from '../backend';
import type { LoadEngine } from '../engineLoader';
import type { GitHubAuth } from '../githubAuth';
import type { DevServerLog } from './devServerLog';
import type { PreviewEntry } from './previewEntry';
import { askAboutErroredSandbox } from './erroredSandboxPrompt';

export interface WindowRun {
  readonly folder: vscode.WorkspaceFolder;
  readonly key: string;
  readonly name: string;
  readonly ref: RemoteRef | undefined;
  readonly settings: PreviewSettings;
  readonly previous: PreviewEntry | undefined;
  readonly log: DevServerLog;
  readonly signal: AbortSignal | undefined;
}

export interface WindowRunDeps {
  readonly gate: PreviewGate;
  readonly logger: Logger;
  readonly loadEngine: LoadEngine;
  readonly auth: GitHubAuth;
  readonly backend: () => Promise<ActiveBackend>;
  readonly stepBegan: (step: StepName) => void;
  readonly sandboxKnown: (sandboxId: string, created: boolean) => void;
  /** The fast path was not taken: the previous preview (if any) is being set up again. */
  readonly fullSetup: () => void;
}

/** Runs the pipeline (or the fast path) under a progress notification that cancels it. */
export async function runInWindow(run: WindowRun, deps: WindowRunDeps): Promise<SessionRun> {
  return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Forge', cancellable: true }, async (progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    run.signal?.addEventListener('abort', () => abort.abort(), { once: true });
    const release = await deps.gate.slot(abort.signal, (position) => {
      progress.report({ message: `Waiting for another preview to finish setting up (${position} in line)…` });
      deps.logger.info(`Preview of ${run.folder.name} waits its turn: ${deps.gate.running} previews are being set up`);
    });
    try {
      const backend = await deps.backend();
      const engine = deps.loadEngine();
      const share = 100 / STEPS.length;
      const { settings, log } = run;
      return await engine.previewOrReuse({
        folder: run.folder.uri.fsPath,
        daytona: backend.daytona,
        backend: backend.connection.kind,
        ...(backend.connection.target ? { target: backend.connection.target } : {}),
        settings,
        tree: engine.createWorkingTreeReader(deps.logger),
        signal: abort.signal,
        logger: deps.logger,
        progress: {
          begin: (step: StepName, title: string) => {
            progress.report({ message: `${title}…` });
            deps.stepBegan(step);
          },
          detail: (_step: StepName, message: string) => progress.report({ message }),
          end: () => progress.report({ increment: share }),
        },
        githubToken: (interactive: boolean) => deps.auth.token(interactive, settings.githubHost),
        chooseApp,
        onErroredSandbox: askAboutErroredSandbox,
        onLog: (text) => log.append(text),
        onSandbox: deps.sandboxKnown,
        ...(run.previous ? { previous: run.previous.session, inSync: () => run.previous?.inSync ?? false } : {}),
        onFullSetup: () => {
          deps.fullSetup();
          log.note(`Preview of ${run.name} on ${backend.displayName.replace(/^The /, 'the ')}`);
          // The install and dev-server output is what the user wants to watch while they wait.
          log.show();
        },
        ...(run.ref ? { ref: run.ref } : {}),
      });
    } finally {
      release();
    }
  });
}

async function chooseApp(apps: readonly DetectedApp[]): Promise<DetectedApp | undefined> {
  const picked = await vscode.window.showQuickPick(
    apps.map((app) => ({ label: app.name, description: app.appPath || '(root)', detail: `${app.framework?.name ?? 'Node'} · ${app.devCommand}`, app })),
    { title: 'Forge: this repository has several apps', placeHolder: 'Which app should the preview run? (Set forge.appPath to skip this question.)', ignoreFocusOut: true },
  );
  return picked?.app;
}

/** A run's step timings as one log line. */
export function timingsText(timings: Readonly<Record<string, number | undefined>>): string {
  return Object.entries(timings).map(([s, ms]) => `${s} ${ms ?? '?'} ms`).join(', ');
}

/** A preview's title: repository and branch. */
export function titleOf(info: PreviewInfo): string {
  return `${info.key.repo.replace(/^local:/, '')} · ${info.key.branch}`;
}
