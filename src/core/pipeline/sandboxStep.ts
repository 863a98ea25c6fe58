import type { Sandbox, SandboxClient } from '../../daytona/port';
import { keyLabels, LABEL_REF, type ForgeSandboxKey } from '../../daytona/labels';
import { resourceParams } from '../../daytona/resources';
import type { Logger } from '../../common/logger';
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
/** Where the package managers' caches live when a cache volume is mounted. */
export const CACHE_MOUNT = '/home/daytona/.forge-cache';

/** Finds Forge's sandbox for this repository and branch (starting it if stopped), or creates one. */
export async function acquireSandbox(daytona: SandboxClient, key: ForgeSandboxKey, settings: PreviewSettings, logger: Logger): Promise<AcquiredSandbox> {
  const existing = await findSandbox(daytona, key);
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
  const sandbox = await createSandbox(daytona, key, settings);
  logger.info(`Created sandbox ${sandbox.id}`);
  return { sandbox, created: true, startedByUs: true };
}

export async function findSandbox(daytona: SandboxClient, key: ForgeSandboxKey): Promise<Sandbox | undefined> {
  for await (const sandbox of daytona.list({ labels: keyLabels(key), limit: 50 })) {
    // A working-tree preview never reuses the sandbox of a branch / pull request preview (their labels overlap).
    if (!key.ref && sandbox.labels[LABEL_REF]) continue;
    if (sandbox.state !== 'destroyed' && sandbox.state !== 'destroying') return sandbox;
  }
  return undefined;
}

async function createSandbox(daytona: SandboxClient, key: ForgeSandboxKey, settings: PreviewSettings): Promise<Sandbox> {
  const volumes = settings.cacheVolume ? [{ volumeId: (await daytona.volume.get(settings.cacheVolume, true)).id, mountPath: CACHE_MOUNT }] : undefined;
  const base = {
    language: 'typescript',
    labels: keyLabels(key),
    public: settings.public,
    autoStopInterval: settings.autoStopMinutes,
    autoArchiveInterval: settings.autoArchiveMinutes,
    autoDeleteInterval: settings.autoDeleteMinutes,
    ...(volumes ? { volumes } : {}),
  };
  const image = resourceParams(settings.resources);
  return image
    ? daytona.create({ ...base, ...image }, { timeout: CREATE_TIMEOUT_S })
    : daytona.create(base, { timeout: CREATE_TIMEOUT_S });
}
