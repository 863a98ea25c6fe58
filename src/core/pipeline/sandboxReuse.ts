// Reusing a sandbox Daytona is still working on, or one it left in error. Daytona's lists show `stopping`,
// `archiving`, `starting` ... (sandbox.service.ts, v0.190): replacing such a sandbox would install a duplicate
// from scratch (say, right after stop-on-exit), so Forge waits for the state to settle; an errored sandbox is
// the user's call: recover it or delete it (and create a new one).
import { isNotFound } from '../../daytona/errors';
import type { Sandbox } from '../../daytona/port';
import { ERROR_STATES, TRANSITIONAL_STATES } from '../sandboxStates';
import { ForgeError } from '../../common/errors';
import type { Logger } from '../../common/logger';

export type ErroredChoice = 'recover' | 'delete';

/** What the user is told about an errored sandbox before choosing. */
export interface ErroredSandbox {
  readonly id: string;
  readonly state: string;
  readonly errorReason: string | undefined;
  readonly recoverable: boolean;
}

/** Asks what to do with an errored sandbox; undefined cancels. Absent (a CLI run): the preview stops with a hint. */
export type OnErroredSandbox = (sandbox: ErroredSandbox) => Promise<ErroredChoice | undefined>;

export interface SettleOptions {
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly pollMs?: number;
}

const SETTLE_TIMEOUT_MS = 300_000;
const POLL_MS = 1_000;

/** Polls until the sandbox leaves its transitional state. Returns false when it was deleted meanwhile. */
export async function settleSandbox(sandbox: Sandbox, logger: Logger, options: SettleOptions = {}): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? SETTLE_TIMEOUT_MS);
  if (TRANSITIONAL_STATES.has(sandbox.state ?? '')) logger.info(`Sandbox ${sandbox.id} is ${sandbox.state ?? ''}; waiting for it to finish`);
  while (TRANSITIONAL_STATES.has(sandbox.state ?? '')) {
    if (options.signal?.aborted) throw new ForgeError('cancelled', 'Cancelled.');
    if (Date.now() > deadline) {
      throw new ForgeError('timeout', `Sandbox ${sandbox.id} stayed ${sandbox.state ?? ''} for ${Math.round((options.timeoutMs ?? SETTLE_TIMEOUT_MS) / 60_000)} minutes.`, {
        hint: 'Look at it in the Sandboxes view (or the Daytona dashboard); delete it if it is stuck, then preview again.',
      });
    }
    await new Promise((done) => setTimeout(done, options.pollMs ?? POLL_MS));
    try {
      await sandbox.refreshData();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
  return sandbox.state !== 'destroyed';
}

export function isErrored(sandbox: Sandbox): boolean {
  return ERROR_STATES.has(sandbox.state ?? '');
}

/** The user's choice for an errored sandbox, or a clear error when nobody can be asked or they cancel. */
export async function chooseForErrored(sandbox: Sandbox, onErrored: OnErroredSandbox | undefined): Promise<ErroredChoice> {
  const info: ErroredSandbox = { id: sandbox.id, state: sandbox.state ?? 'error', errorReason: sandbox.errorReason || undefined, recoverable: sandbox.recoverable === true };
  const choice = onErrored ? await onErrored(info) : undefined;
  if (choice) return choice;
  if (onErrored) throw new ForgeError('cancelled', 'Cancelled.');
  throw new ForgeError('sandbox-gone', `Sandbox ${sandbox.id} is in an error state${info.errorReason ? ` (${info.errorReason})` : ''}.`, {
    hint: 'Recover or delete it (the Sandboxes view in VS Code, or the Daytona dashboard), then preview again.',
  });
}
