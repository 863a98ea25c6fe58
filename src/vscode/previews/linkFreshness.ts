// Keeps a panel's signed link valid across what its refresh timer cannot see: the window regaining focus and the
// machine waking from sleep. Either asks the lease to refresh if its link is due (or expired), so the frame never
// meets the expired link's redirect to a login page. No `vscode` here (the focus event is passed in): unit-tested.
import type { Logger } from '../../common/logger';
import type { SignedUrlLease } from './signedUrlLease';
import { WakeWatch, type WakeTimers } from './wakeWatch';

interface Disposable {
  dispose(): void;
}

/** `vscode.window.onDidChangeWindowState`. */
export type WindowStateEvent = (listener: (state: { readonly focused: boolean }) => unknown) => Disposable;

export function keepLinkFresh(lease: Pick<SignedUrlLease, 'refreshIfDue'>, logger: Logger, onWindowState: WindowStateEvent, timers?: WakeTimers): Disposable {
  const check = (why: string): void => {
    lease.refreshIfDue().then(
      (refreshed) => {
        if (refreshed) logger.debug(`Preview link refreshed after ${why}.`);
      },
      (error: unknown) => logger.warn(`Preview link refresh after ${why} failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  };
  const wake = new WakeWatch((sleptMs) => check(`waking (${Math.round(sleptMs / 60_000)} min asleep)`), timers);
  const focus = onWindowState((state) => {
    if (state.focused) check('the window regained focus');
  });
  return { dispose: () => { wake.dispose(); focus.dispose(); } };
}

/** "Reload preview" on the expired page: a new link when the shown one is due, else just the frame again. */
export async function renewOrReload(lease: Pick<SignedUrlLease, 'refreshIfDue'>, reload: () => void): Promise<void> {
  if (!(await lease.refreshIfDue())) reload();
}
