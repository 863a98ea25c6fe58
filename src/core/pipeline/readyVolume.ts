// A volume Forge creates is not usable at once: Daytona answers the create with `pending_create` and its volume
// manager makes the bucket in the background (every 5 s, apps/api/src/sandbox/managers/volume.manager.ts); a
// sandbox created with it meanwhile is refused with 400 "Volume '…' is not in a ready state"
// (apps/api/src/sandbox/services/volume.service.ts). So Forge waits for `ready` before it names the volume.
import { sleep } from '../../common/cancel';
import { ForgeError } from '../../common/errors';
import type { SandboxClient } from '../../daytona/port';

/** Daytona's volume manager makes pending volumes every 5 s (volume.manager.ts). */
const MANAGER_ROUND_MS = 5_000;

export interface ReadyVolumeOptions {
  readonly timeoutMs?: number;
  readonly pollMs?: number;
  readonly signal?: AbortSignal;
}

/** The volume `name` (created when missing), once it is `ready`; an `error` volume or a timeout is a clear error. */
export async function readyVolume(daytona: SandboxClient, name: string, options: ReadyVolumeOptions = {}): Promise<{ id: string; state: string }> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 120_000);
  const pollMs = options.pollMs ?? 250;
  let volume = await daytona.volume.get(name, true);
  while (volume.state !== 'ready') {
    if (volume.state === 'error' || volume.state === 'deleted' || volume.state === 'pending_delete' || volume.state === 'deleting') {
      throw new ForgeError('internal', `The cache volume ${name} cannot be used (state ${volume.state}${volume.errorReason ? `: ${volume.errorReason}` : ''}).`, {
        hint: 'Delete the volume in the Daytona dashboard, or set forge.cacheVolume to another name, then try again.',
      });
    }
    if (Date.now() > deadline) {
      throw new ForgeError('timeout', `The cache volume ${name} was still ${volume.state} after ${Math.round((options.timeoutMs ?? 120_000) / 1000)} s.`, { hint: 'Try again in a minute.' });
    }
    // Every pollMs through one round of Daytona's volume manager (5 s), which is when a new volume turns ready;
    // then less often. A first preview waits on this, so a coarse backoff was a second of nothing.
    await sleep(Date.now() - started < MANAGER_ROUND_MS ? pollMs : 2_000, options.signal);
    volume = await daytona.volume.get(name);
  }
  return volume;
}
