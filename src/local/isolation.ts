// Whether sandbox commands run isolated (bubblewrap, a network of their own). Isolation is required unless
// the caller made the explicit choice to run without it (`forge.local.isolation: none`, `--no-isolation`):
// where it cannot work, starting the backend fails with what to install, never a silent fallback.
import type { Logger } from '../common/logger';
import { ForgeError } from '../common/errors';
import { detectIsolation } from './runner';

export const NOT_ISOLATED_MEANING = 'repository code runs as plain processes with your user rights: it can read your files and keys and reach every service on this machine';

export async function resolveIsolation(isolate: boolean, logger: Logger): Promise<boolean> {
  if (!isolate) {
    logger.warn(`Local sandboxes are NOT isolated (isolation was turned off): ${NOT_ISOLATED_MEANING}.`);
    return false;
  }
  const probe = await detectIsolation();
  if (probe.isolated) return true;
  const reason = probe.reason ?? 'bubblewrap is not usable';
  throw new ForgeError('isolation-unavailable', `Local sandboxes cannot be isolated here: ${reason}.`, {
    hint: 'Install bubblewrap and slirp4netns (`sudo apt install bubblewrap slirp4netns`), or choose explicitly to run without isolation (setting `forge.local.isolation`: none, or `--no-isolation`).',
  });
}
