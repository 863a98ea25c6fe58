import { ForgeError } from '../../common/errors';
import type { PreviewManager } from '../previews/previewManager';
import { pickFolder } from './previewThisRepo';

/** "Forge: Restart Preview": restarts the dev server in place; sets the preview up again when its sandbox is gone. */
export async function restartPreviewCommand(previews: PreviewManager): Promise<void> {
  const folder = await pickFolder();
  const current = previews.all().find((e) => e.folderKey === folder.uri.toString());
  if (!current) {
    await previews.preview(folder);
    return;
  }
  try {
    await previews.restart(current);
  } catch (error) {
    if (!(error instanceof ForgeError) || error.code !== 'sandbox-gone') throw error;
    // The sandbox was deleted outside Forge: start over.
    await previews.forget(current.sandboxId);
    await previews.preview(folder);
  }
}
