import type { Sandbox, SandboxClient } from '../../daytona/port';
import { keyLabels, LABEL_REF, type ForgeSandboxKey } from '../../daytona/labels';
import { resourceParams } from '../../daytona/resources';
import type { Logger } from '../../common/logger';
import { lifecycleIntervals } from './lifecycleIntervals';
import { readyVolume } from './readyVolume';
import { PREBUILD_MOUNT, prebuildSubpath } from './prebuild';
import { chooseForErrored, isErrored, settleSandbox, type OnErroredSandbox } from './sandboxReuse';
import type { PreviewSettings } from './settings';

export interface AcquiredSandbox {
  readonly sandbox: Sandbox;
  /** This run created it: a failure or cancel deletes it. */
  readonly created: boolean;
  /** This run started it from stopped/archived: a failure or cancel stops it again. */
  readonly startedByUs: boolean;
}

const CREATE_TIMEOUT_S = 180;
const START_TIMEOUT_S = 180;
/** Where the package managers' caches live when a cache volume is mounted: `$HOME/.forge-cache`. */
export const CACHE_MOUNT = '/home/daytona/.forge-cache';

export interface AcquireOptions {
  readonly signal?: AbortSignal;
  /** Asked when the sandbox found is in error (recover or delete it). */
  readonly onErrored?: OnErroredSandbox;
  /** The target (region) the client creates in: only a sandbox there is reused. Unset: any. */
  readonly target?: string;
}

/**
 * Finds Forge's sandbox for this repository and branch (waiting out a transition, starting it if stopped, asking
 * about an errored one), or creates one.
 */
export async function acquireSandbox(daytona: SandboxClient, key: ForgeSandboxKey, settings: PreviewSettings, logger: Logger, options: AcquireOptions = {}): Promise<AcquiredSandbox> {
  let existing = await findSandbox(daytona, key, options.target);
  if (existing && !(await settleSandbox(existing, logger, options))) existing = undefined;
  if (existing && isErrored(existing)) {
    const choice = await chooseForErrored(existing, options.onErrored);
    logger.info(`Sandbox ${existing.id} is in error (${existing.errorReason ?? 'no reason given'}): ${choice === 'recover' ? 'recovering it' : 'deleting it'}`);
    if (choice === 'recover') {
      await existing.recover(START_TIMEOUT_S);
      return { sandbox: existing, created: false, startedByUs: true };
    }
    await existing.delete(START_TIMEOUT_S);
    existing = undefined;
  }
  if (existing) {
    if (existing.state === 'started') {
      logger.info(`Reusing running sandbox ${existing.id}`);
      return { sandbox: existing, created: false, startedByUs: false };
    }
    if (existing.state === 'stopped' || existing.state === 'archived') {
      logger.info(`Starting ${existing.state} sandbox ${existing.id}`);
      await existing.start(START_TIMEOUT_S);
      return { sandbox: existing, created: false, startedByUs: true };
    }
    logger.warn(`Sandbox ${existing.id} is in state ${existing.state ?? 'unknown'}; creating a new one`);
  }
  const sandbox = await createSandbox(daytona, key, settings, logger);
  logger.info(`Created sandbox ${sandbox.id}`);
  return { sandbox, created: true, startedByUs: true };
}

/**
 * Forge's sandbox for `key` in `target` (any target when unset). Daytona lists every region unless asked for some
 * (`regionIds`); each answer is checked too, so a server that ignores the filter cannot hand over another region's.
 */
export async function findSandbox(daytona: SandboxClient, key: ForgeSandboxKey, target?: string): Promise<Sandbox | undefined> {
  for await (const sandbox of daytona.list({ labels: keyLabels(key), limit: 50, ...(target !== undefined ? { targets: [target] } : {}) })) {
    // A working-tree preview never reuses the sandbox of a branch / pull request preview (their labels overlap).
    if (!key.ref && sandbox.labels[LABEL_REF]) continue;
    if (target !== undefined && sandbox.target !== target) continue;
    if (sandbox.state !== 'destroyed' && sandbox.state !== 'destroying') return sandbox;
  }
  return undefined;
}

async function createSandbox(daytona: SandboxClient, key: ForgeSandboxKey, settings: PreviewSettings, logger: Logger): Promise<Sandbox> {
  const image = resourceParams(settings.resources);
  // Forge's image (node:22-bookworm) runs as root: its mounts go under /root (an image with USER gets none).
  const home = image ? '/root' : '/home/daytona';
  const volumes = settings.cacheVolume ? await cacheVolumes(daytona, settings.cacheVolume, key, home) : undefined;
  const base = {
    language: 'typescript',
    labels: keyLabels(key),
    public: settings.public,
    autoStopInterval: settings.autoStopMinutes,
    ...lifecycleIntervals(settings, logger),
    ...(volumes ? { volumes } : {}),
  };
  return image
    ? daytona.create({ ...base, ...image }, { timeout: CREATE_TIMEOUT_S })
    : daytona.create(base, { timeout: CREATE_TIMEOUT_S });
}

/** The package cache (shared) and the repository's own prebuild store (a subpath of `<cache>-prebuilds`). */
async function cacheVolumes(daytona: SandboxClient, cacheVolume: string, key: ForgeSandboxKey, home: string): Promise<{ volumeId: string; mountPath: string; subpath?: string }[]> {
  const [cache, prebuilds] = await Promise.all([readyVolume(daytona, cacheVolume), readyVolume(daytona, `${cacheVolume}-prebuilds`)]);
  return [
    { volumeId: cache.id, mountPath: homeMount(CACHE_MOUNT, home) },
    { volumeId: prebuilds.id, mountPath: homeMount(PREBUILD_MOUNT, home), subpath: prebuildSubpath(key.repo) },
  ];
}

/** A mount path written for /home/daytona, moved under the sandbox's real home. */
function homeMount(path: string, home: string): string {
  return path.replace(/^\/home\/daytona\//, `${home}/`);
}
