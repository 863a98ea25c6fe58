// What happens to a preview's sandbox when the preview ends (a panel closed: `forge.onPreviewClose`; the CLI
// exits: `--on-exit`). One policy for both adapters.
import type { Sandbox } from '../../daytona/port';

export type CloseAction = 'keep' | 'stop' | 'delete';

/** What was done: `kept` also when there was nothing to stop (a sandbox already stopped is left as it is). */
export type CloseResult = 'kept' | 'stopped' | 'deleted';

/**
 * Applies `action` to `sandbox`. `stop` stops a sandbox whose preview was ready, or any sandbox still started
 * (`wasReady` false: a run cancelled before ready has already undone what it started).
 */
export async function closeSandbox(sandbox: Sandbox | undefined, action: CloseAction, wasReady = true): Promise<CloseResult> {
  if (action === 'keep' || !sandbox) return 'kept';
  if (action === 'delete') {
    await sandbox.delete(60);
    return 'deleted';
  }
  if (!wasReady && sandbox.state !== 'started') return 'kept';
  await sandbox.stop(60);
  return 'stopped';
}
