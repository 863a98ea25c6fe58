// Whether sandbox commands can run inside bubblewrap here. The runner gets a plain yes/no; a missing or
// unusable `bwrap` with `isolate: 'auto'` means plain processes plus a warning that says so.
import { spawn } from 'node:child_process';
import type { Logger } from '../core/types';
import { ForgeError } from '../core/types';

const PROBE_TIMEOUT_MS = 5_000;

/** True when `bwrap` exists and can create the namespaces the runner uses. */
export function probeBubblewrap(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('bwrap', ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-pid', '--die-with-parent', 'true'], { stdio: 'ignore' });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve(false);
    }, PROBE_TIMEOUT_MS);
    child.once('error', () => {
      clearTimeout(timer);
      resolve(false);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

export async function resolveIsolation(option: 'auto' | boolean, logger: Logger): Promise<boolean> {
  if (option === false) {
    logger.warn(NOT_ISOLATED_WARNING);
    return false;
  }
  const available = await probeBubblewrap();
  if (available) {
    return true;
  }
  if (option === true) {
    throw new ForgeError('backend-unavailable', 'The local backend was asked to isolate sandboxes, but bubblewrap (bwrap) is not usable on this machine.', {
      hint: 'Install bubblewrap (e.g. `apt install bubblewrap`), or allow unisolated local sandboxes.',
    });
  }
  logger.warn(NOT_ISOLATED_WARNING);
  return false;
}

export const NOT_ISOLATED_WARNING =
  'Local sandboxes are NOT isolated: their commands run as plain processes with your user rights. Install bubblewrap (bwrap) to isolate them.';
