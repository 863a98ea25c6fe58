import * as vscode from 'vscode';
import { ForgeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { PreviewEntry } from '../previews/previewEntry';
import type { PreviewManager } from '../previews/previewManager';
import { requireTrustedWorkspace } from '../trust';
import { EditorSync } from './editorSync';
import type { PreviewSyncManager } from './previewSyncManager';

/**
 * "Forge: Resync Preview with the Editor": sends the whole difference again, clears the error, and restarts the
 * dev server so what it serves is built from those files (a watcher may have missed changes while out of sync).
 * Ends once the new dev server answers.
 */
export async function resyncCommand(previews: PreviewManager, manager: PreviewSyncManager, logger: Logger): Promise<void> {
  requireTrustedWorkspace('sync edits to a sandbox');
  const entry = (previews.current() as PreviewEntry | undefined) ?? previews.all()[0];
  if (!entry || entry.status().phase !== 'ready') {
    throw new ForgeError('internal', 'There is no running preview to resync.', { hint: 'Run "Forge: Preview this repo" first.' });
  }
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Forge: resyncing the preview' }, async () => {
    const running = await manager.syncFor(entry);
    // With sync on save off, a one-off sync does the job and goes away.
    const sync = running ?? (await EditorSync.start(entry, logger, manager.loadEngine));
    try {
      entry.setSync('syncing');
      const state = await sync.sync.resync();
      entry.setSync(running ? state.phase : 'off', state.reason);
      if (state.phase === 'out-of-sync') throw new ForgeError('backend-unavailable', `The preview is still out of sync: ${state.reason ?? 'the upload failed'}.`, { hint: 'Check the connection to the sandbox, then try again.' });
      logger.info(`Resynced ${entry.title}`);
    } finally {
      if (!running) sync.dispose();
    }
  });
  await previews.restart(entry, 'Restarting the dev server after the resync');
}
