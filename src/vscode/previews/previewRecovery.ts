// Keys of the previews a window keeps, and the offer to resume or clean up a preview that VS Code closed on.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import { parseRef, refLabel, type RemoteRef } from '../../core/refs/refName';
import type { BackendManager } from '../backend';
import type { PreviewStore } from './previewStore';

const REF_MARK = '#forge-ref=';

/** Previews are kept per folder, and per remote ref previewed from that folder. */
export function entryKey(folder: vscode.WorkspaceFolder, ref: RemoteRef | undefined): string {
  return ref ? `${folder.uri.toString()}${REF_MARK}${encodeURIComponent(refLabel(ref))}` : folder.uri.toString();
}

export interface RecoveryDeps {
  readonly store: PreviewStore;
  readonly backends: BackendManager;
  readonly logger: Logger;
  readonly preview: (folder: vscode.WorkspaceFolder, ref: RemoteRef | undefined) => Promise<unknown>;
}

/**
 * After VS Code went away in the middle of setting up a preview, offers to resume it (the sandbox is found again
 * by its labels) or to clean up the sandbox it was creating. Loads nothing unless there is such a sandbox.
 */
export async function offerRecovery(deps: RecoveryDeps): Promise<void> {
  const pending = deps.store.pending();
  if (!pending) return;
  await deps.store.setPending(undefined);
  const [folderKey, refPart] = pending.folder.split(REF_MARK);
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.toString() === folderKey);
  const choice = await vscode.window.showWarningMessage(
    `Forge was setting up a preview${folder ? ` of ${folder.name}` : ''} when VS Code closed. Its sandbox may still be running.`,
    ...(folder ? ['Resume'] : []),
    'Clean Up',
  );
  if (choice === 'Resume' && folder) {
    await deps.preview(folder, refPart ? parseRef(decodeURIComponent(refPart)) : undefined);
  } else if (choice === 'Clean Up') {
    const { daytona } = await deps.backends.get();
    const sandbox = await daytona.get(pending.sandboxId).catch(() => undefined);
    if (!sandbox) return;
    if (pending.created) await sandbox.delete(60);
    else await sandbox.stop(60);
    deps.logger.info(`Cleaned up sandbox ${pending.sandboxId} left by an interrupted preview`);
  }
}
