// The last steps of "Preview this repo": start the dev server, follow its log while waiting for its port to
// answer (the tail names the cause when it does not), and the signed preview link, asked for meanwhile.
import type { Sandbox } from '../../daytona/port';
import type { ForgeSandboxKey } from '../../daytona/labels';
import { LogTail } from '../logs/tail';
import { Preview } from '../preview';
import type { DetectedApp, RepoFacts } from '../types';
import type { CodeStepResult } from './codeStep';
import { DIAGNOSE_LINES } from './diagnose';
import { startDevServer } from './devServerStep';
import { allowPreviewHost } from './previewHost';
import { waitUntilReady } from './readyStep';
import type { PreviewRequest } from './request';
import { retrying } from './runWork';
import type { PreviewSettings } from './settings';
import type { StepName } from './steps';

/** Runs one named step: timed, reported, cancellable (run.ts's `step`). */
export type StepRunner = <T>(name: StepName, work: () => Promise<T>, note?: (value: T) => string | undefined) => Promise<T>;

export interface ServeInput {
  readonly request: PreviewRequest;
  readonly settings: PreviewSettings;
  readonly sandbox: Sandbox;
  readonly facts: RepoFacts;
  readonly code: CodeStepResult;
  readonly app: DetectedApp;
  readonly key: ForgeSandboxKey;
  /** The devcontainer's postStartCommand, when this run started the sandbox. */
  readonly postStart?: () => Promise<void>;
}

/** The devServer, ready and preview steps. */
export async function serveSteps(step: StepRunner, input: ServeInput): Promise<{ preview: Preview; url: string }> {
  const { request, settings, sandbox, facts, code, app } = input;
  const tail = new LogTail(DIAGNOSE_LINES);
  const devServer = await step('devServer', () =>
    retrying(request, 'starting the dev server', async () => {
      await input.postStart?.();
      const hostEnv = await allowPreviewHost(sandbox, facts.root, code.repoPath, app);
      return startDevServer(sandbox, code.repoPath, app, { ...hostEnv, ...settings.envVars }, Boolean(settings.cacheVolume));
    }),
  );
  const info = { sandboxId: sandbox.id, backend: request.backend, key: input.key, folder: request.folder, repoPath: code.repoPath, app, port: app.port, devServer };
  const preview = new Preview(request.daytona, sandbox, info, request.logger);
  const logs = new AbortController();
  void preview.followLogs((text, stream) => {
    tail.push(text);
    request.onLog(text, stream);
  }, logs.signal);
  // The signed link does not depend on the dev server: asked for while it comes up.
  const signing = retrying(request, 'getting the preview link', () => preview.signedUrl(3600));
  signing.catch(() => undefined); // awaited by the preview step
  try {
    await step('ready', () => waitUntilReady({ sandbox, port: app.port, devServer, timeoutSeconds: settings.readyTimeoutSeconds, tail, signal: request.signal }));
  } finally {
    // The caller follows the logs from here on, with its own lifetime.
    logs.abort();
  }
  const signed = await step('preview', () => signing);
  return { preview, url: signed.url };
}
