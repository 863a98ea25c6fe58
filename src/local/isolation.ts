// Whether sandbox commands run inside bubblewrap. The runner's own probe (the exact bwrap arguments it
// uses) decides; with `isolate: 'auto'` an unusable bwrap means plain processes plus a warning that says so.
import type { Logger } from '../core/types';
import { ForgeError } from '../core/types';
import { detectIsolation } from './runner';

export async function resolveIsolation(option: 'auto' | boolean, logger: Logger): Promise<boolean> {
  if (option === false) {
    logger.warn(notIsolatedWarning('isolation was turned off'));
    return false;
  }
  const probe = await detectIsolation();
  if (probe.isolated) {
    return true;
  }
  const reason = probe.reason ?? 'bubblewrap is not usable';
  if (option === true) {
    throw new ForgeError('backend-unavailable', `The local backend was asked to isolate sandboxes, but ${reason}.`, {
      hint: 'Install bubblewrap (e.g. `apt install bubblewrap`), or allow unisolated local sandboxes.',
    });
  }
  logger.warn(notIsolatedWarning(reason));
  return false;
}

function notIsolatedWarning(reason: string): string {
  return `Local sandboxes are NOT isolated (${reason}): their commands run as plain processes with your user rights.`;
}
