import * as vscode from 'vscode';
import { ForgeError } from '../../common/errors';
import type { PreviewManager } from '../previews/previewManager';

/** "Forge: Preview this repo": the workspace folder of the active editor, else the only/first folder (asking when several). */
export async function previewCommand(previews: PreviewManager, uri?: vscode.Uri): Promise<void> {
  const folder = await pickFolder(uri);
  await previews.preview(folder);
}

export async function pickFolder(uri?: vscode.Uri): Promise<vscode.WorkspaceFolder> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    throw new ForgeError('no-workspace', 'Open a folder first: Forge previews the repository open in the editor.', { hint: 'Use File > Open Folder…, then run "Forge: Preview this repo" again.' });
  }
  const fromUri = uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
  const active = vscode.window.activeTextEditor ? vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri) : undefined;
  const chosen = fromUri ?? active ?? (folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder should Forge preview?' }));
  if (!chosen) throw new ForgeError('cancelled', 'Cancelled.');
  return chosen;
}
