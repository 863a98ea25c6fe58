// The work of the longer steps of "Preview this repo" (run.ts times, reports and cleans up around them): bringing
// the code, the devcontainer lifecycle input, the install; and the retry every step's backend calls go through.
import type { Sandbox } from '../../daytona/port';
import { isTransient, retryAfterMs } from '../../daytona/errors';
import { withRetry } from '../retry';
import type { DetectedApp, RepoFacts } from '../types';
import { bringCode, type CodeStepResult } from './codeStep';
import type { LifecycleInput } from './devcontainerStep';
import { installDependencies, type InstallResult } from './installStep';
import { bringRef } from './refCode';
import type { PreviewRequest } from './request';
import type { PreviewSettings } from './settings';

/** A backend call retried while its failure is transient (a 5xx, a dropped connection, a 429 after its delay). */
export function retrying<T>(request: Pick<PreviewRequest, 'signal' | 'logger'>, doing: string, work: () => Promise<T>): Promise<T> {
  return withRetry(work, {
    signal: request.signal,
    isTransient,
    serverDelayMs: retryAfterMs,
    onRetry: (error, attempt, delay) =>
      request.logger.warn(`Retrying ${doing} (attempt ${attempt + 1}) in ${Math.round(delay)} ms: ${error instanceof Error ? error.message : String(error)}`),
  });
}

/** The code step: the remote ref's commit for a branch / pull request preview, else the working tree's commit and local edits. */
export function bringCodeFor(request: PreviewRequest, settings: PreviewSettings, facts: RepoFacts, sandbox: Sandbox): Promise<CodeStepResult> {
  const detail = (message: string): void => request.progress.detail('code', message);
  if (request.ref && facts.head) {
    return bringRef({ sandbox, facts, ref: request.ref, sha: facts.head, githubHost: settings.githubHost, githubToken: request.githubToken, logger: request.logger, detail });
  }
  return bringCode({
    sandbox,
    facts,
    tree: request.tree,
    githubHost: settings.githubHost,
    includeIgnored: settings.includeIgnored,
    githubToken: request.githubToken,
    signal: request.signal,
    logger: request.logger,
    detail,
  });
}

export function lifecycleInput(request: PreviewRequest, settings: PreviewSettings, sandbox: Sandbox, repoPath: string, plan: LifecycleInput['plan']): LifecycleInput {
  return { sandbox, plan, repoPath, env: settings.envVars, timeoutSeconds: settings.installTimeoutSeconds, signal: request.signal, logger: request.logger, onLog: request.onLog };
}

/** The install step's work (prebuilds reused when there is a cache volume and no build before the preview). */
export function installFor(request: PreviewRequest, settings: PreviewSettings, on: { sandbox: Sandbox; app: DetectedApp; facts: RepoFacts; code: CodeStepResult }): Promise<InstallResult> {
  return installDependencies({
    sandbox: on.sandbox,
    app: on.app,
    localRoot: on.facts.root,
    repoPath: on.code.repoPath,
    home: on.code.home,
    timeoutSeconds: settings.installTimeoutSeconds,
    useCacheVolume: Boolean(settings.cacheVolume),
    buildBeforePreview: settings.buildBeforePreview,
    signal: request.signal,
    logger: request.logger,
    onLog: request.onLog,
    prebuilds: Boolean(settings.cacheVolume) && !settings.buildBeforePreview,
  });
}
