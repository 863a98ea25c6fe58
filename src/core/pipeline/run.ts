import type { Sandbox } from '../../daytona/port';
import { isTransient, retryAfterMs, toForgeError } from '../../daytona/errors';
import type { ForgeSandboxKey } from '../../daytona/labels';
import { raceCancel, throwIfCancelled } from '../../common/cancel';
import { withRetry } from '../retry';
import { ForgeError } from '../../common/errors';
import type { DetectedApp, RepoFacts } from '../types';
import type { Logger } from '../../common/logger';
import { refLabel, type RemoteRef } from '../refs/refName';
import type { RefSnapshot } from '../refs/refSnapshot';
import { runPostCreate, runPostStart, type LifecycleInput } from './devcontainerStep';
import { applyDevcontainer, refFacts } from './refPreview';
import { acquireSandbox, type AcquiredSandbox } from './sandboxStep';
import type { PreviewSettings } from './settings';
import { STEP_TITLES, type StepName, type StepTimings } from './steps';
import { bringCodeFor, installFor, lifecycleInput, retrying } from './runWork';
import { serveSteps } from './serveSteps';
import type { DevcontainerPlan } from '../devcontainer/plan';

import type { PreviewOutcome, PreviewRequest } from './request';

export type { PreviewOutcome, PreviewRequest } from './request';

/** "Preview this repo": every step timed, reported, cancellable; a failure leaves no sandbox running that this run started. */
export async function runPreview(request: PreviewRequest): Promise<PreviewOutcome> {
  const timings: StepTimings = {};
  let current: StepName | undefined;
  const step = <T>(name: StepName, work: () => Promise<T>, note?: (value: T) => string | undefined): Promise<T> => {
    current = name;
    return timed(request, timings, name, work, note);
  };
  const backendName = request.backend === 'local' ? 'The local backend' : 'Daytona';
  let settings = effectiveSettings(request);
  let pending: Promise<AcquiredSandbox> | undefined;
  let snapshot: RefSnapshot | undefined;
  try {
    const facts = await step('repo', async () => {
      const local = await request.tree.facts(request.folder, settings.githubHost);
      if (!request.ref) return local;
      const read = await refFacts(local, request.ref, request.logger, request.signal);
      snapshot = read.snapshot;
      return read.facts;
    });
    const devcontainer = await applyDevcontainer(facts.root, settings, request.logger);
    settings = devcontainer.settings;
    const key = sandboxKey(facts, request.ref);
    // Detection is local and quick; it runs while the sandbox is being prepared.
    const detection = request.tree.detect(facts.root, overrides(settings));
    detection.catch(() => undefined);
    // Kept outside the step so that a cancel while the sandbox is being created still finds it and cleans it up.
    // Started before the auth step: creating or starting the sandbox does not wait for the token.
    const sandboxSettings = settings;
    pending = retrying(request, 'preparing the sandbox', () => acquireSandbox(request.daytona, key, sandboxSettings, request.logger, { signal: request.signal, ...(request.target ? { target: request.target } : {}), ...(request.onErroredSandbox ? { onErrored: request.onErroredSandbox } : {}) })).then((a) => {
      request.onSandbox?.(a.sandbox.id, a.created);
      return a;
    });
    pending.catch(() => undefined); // awaited by the sandbox step (or the clean-up)
    await step('auth', async () => {
      // Silent only: a prompt waits until a clone actually needs the token.
      await request.githubToken(false);
    });
    const { sandbox, startedByUs } = await step('sandbox', () => pending ?? Promise.reject(new Error('unreachable')), (a) => (a.created ? 'created' : 'reused'));
    const code = await step('code', () => retrying(request, 'bringing the code into the sandbox', () => bringCodeFor(request, settings, facts, sandbox)));
    const app = await step('detect', () => chooseApp(request, detection), (a) => `${a.framework?.name ?? 'Node'} · ${a.packageManager} · port ${a.port}`);
    const lifecycle = (plan: DevcontainerPlan): LifecycleInput => lifecycleInput(request, settings, sandbox, code.repoPath, plan);
    const install = await step(
      'install',
      async () => {
        if (devcontainer.plan) await runPostCreate(lifecycle(devcontainer.plan));
        // A retry starts the install afresh: its session is reset first, which ends anything the failed attempt began.
        return retrying(request, 'installing dependencies', () => installFor(request, settings, { sandbox, app, facts, code }));
      },
      (r) => (r.prebuild ? `reused the dependencies installed before (${r.prebuild})` : r.skipped ? 'skipped: nothing changed' : undefined),
    );
    void install.saving?.then((s) => request.logger.info(s.saved ? `Kept the installed dependencies for the next sandbox (${s.detail})` : `Did not keep the installed dependencies: ${s.detail}`));
    const postStart = devcontainer.plan && startedByUs ? devcontainer.plan : undefined;
    const served = await serveSteps(step, { request, settings, sandbox, facts, code, app, key, ...(postStart ? { postStart: () => runPostStart(lifecycle(postStart)) } : {}) });
    const acquired = await pending;
    const ref = request.ref && facts.head ? { ref: { label: refLabel(request.ref), commit: facts.head } } : {};
    return { preview: served.preview, previewUrl: served.url, facts, app, reused: !acquired.created, installSkipped: install.skipped, timings, ...ref };
  } catch (error) {
    // Name the step that failed ("while installing dependencies"), not just "setting up the preview".
    const doing = current ? STEP_TITLES[current].replace(/^\w/, (c) => c.toLowerCase()) : 'setting up the preview';
    const forgeError = toForgeError(error, doing, backendName);
    const acquired = pending && (await pending.catch(() => undefined));
    if (acquired) await cleanUp(acquired, request.logger);
    throw forgeError;
  } finally {
    await snapshot?.close();
  }
}

export async function timed<T>(request: Pick<PreviewRequest, 'signal' | 'progress' | 'logger'>, timings: StepTimings, name: StepName, work: () => Promise<T>, note?: (value: T) => string | undefined): Promise<T> {
  throwIfCancelled(request.signal);
  request.progress.begin(name, STEP_TITLES[name]);
  request.logger.info(`${STEP_TITLES[name]}…`);
  const started = performance.now();
  const value = await raceCancel(work(), request.signal);
  const ms = Math.round(performance.now() - started);
  timings[name] = ms;
  const text = note?.(value);
  request.progress.end(name, ms, text);
  request.logger.info(`${STEP_TITLES[name]}: done in ${ms} ms${text ? ` (${text})` : ''}`);
  throwIfCancelled(request.signal);
  return value;
}

async function chooseApp(request: PreviewRequest, detection: Promise<readonly DetectedApp[]>): Promise<DetectedApp> {
  const apps = await detection;
  const [first] = apps;
  if (!first) throw new ForgeError('nothing-to-run', 'Forge found no app to run in this repository.', { hint: 'Set forge.devCommand and forge.port.' });
  if (apps.length === 1) return first;
  const chosen = await request.chooseApp(apps);
  if (!chosen) throw new ForgeError('cancelled', 'Cancelled.');
  return chosen;
}

/**
 * Local sandboxes share one package cache (a volume of the local backend) unless the user named one: a new
 * sandbox then installs from a warm cache, as a shell on this machine would.
 */
export const LOCAL_CACHE_VOLUME = 'forge-package-cache';

function effectiveSettings(request: PreviewRequest): PreviewSettings {
  const { settings } = request;
  return request.backend === 'local' && !settings.cacheVolume ? { ...settings, cacheVolume: LOCAL_CACHE_VOLUME } : settings;
}

function overrides(settings: PreviewSettings): { appPath?: string; devCommand?: string; port?: number } {
  return {
    ...(settings.appPath ? { appPath: settings.appPath } : {}),
    ...(settings.devCommand ? { devCommand: settings.devCommand } : {}),
    ...(settings.port !== undefined ? { port: settings.port } : {}),
  };
}

export function sandboxKey(facts: RepoFacts, ref?: RemoteRef): ForgeSandboxKey {
  const repo = facts.slug ?? `local:${facts.root.split(/[\\/]/).pop() ?? 'folder'}-${shortHash(facts.root)}`;
  if (ref) return { repo, branch: refLabel(ref), ref: refLabel(ref) };
  return { repo, branch: facts.branch ?? 'detached' };
}

function shortHash(text: string): string {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}

/** Clean-up retries: 0.5 s doubling to 8 s, 39.5 s of waiting in all (±25 %). */
const CLEAN_UP_RETRIES = 8;

/**
 * After a failure or cancel: delete what this run created, stop what it started; leave alone what was already
 * running. Retried for longer than a step: the run often failed because the backend was unreachable, and a
 * sandbox left behind costs the user. Not cancellable: a cancel is what asked for this clean-up.
 */
async function cleanUp(acquired: AcquiredSandbox, logger: Logger): Promise<void> {
  const sandbox: Sandbox = acquired.sandbox;
  const again = <T>(work: () => Promise<T>): Promise<T> => withRetry(work, { signal: new AbortController().signal, isTransient, serverDelayMs: retryAfterMs, retries: CLEAN_UP_RETRIES });
  try {
    if (acquired.created) {
      logger.info(`Deleting sandbox ${sandbox.id}, which this attempt created`);
      await again(() => sandbox.delete(60));
    } else if (acquired.startedByUs) {
      logger.info(`Stopping sandbox ${sandbox.id} again`);
      await again(() => sandbox.stop(60));
    }
  } catch (error) {
    logger.error(`Could not clean up sandbox ${sandbox.id}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
