import * as vscode from 'vscode';
import { ForgeError } from '../../core/types';
import { readPreviewSettings } from '../config';
import type { PreviewManager } from '../previews/previewManager';
import { pickFolder } from './preview';

/** "Forge: Restart Preview": restarts the dev server in place; sets the preview up again when its sandbox is gone. */
export async function restartPreviewCommand(previews: PreviewManager): Promise<void> {
  const folder = await pickFolder();
  const current = previews.all().find((e) => e.folderKey === folder.uri.toString());
  if (!current) {
    await previews.preview(folder);
    return;
  }
  const settings = await readPreviewSettings(folder.uri);
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Forge: restarting the dev server' }, async () => {
      current.setStatus({ phase: 'starting', message: 'Restarting the dev server' });
      current.log.note('Restarting the dev server');
      await current.preview.restartDevServer(settings.envVars, Boolean(settings.cacheVolume));
      current.followLogs(current.preview);
      current.setStatus({ phase: 'ready' });
    });
  } catch (error) {
    if (error instanceof ForgeError && error.code !== 'sandbox-gone') throw error;
    // The sandbox was deleted or is unreachable: start over.
    await previews.forget(current.sandboxId);
    await previews.preview(folder);
  }
}
