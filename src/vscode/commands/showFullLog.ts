import * as vscode from 'vscode';
import { ForgeError } from '../../common/errors';
import { fullCommandLog } from '../../core/logs/fullLog';
import type { PreviewEntry } from '../previews/previewEntry';
import type { PreviewManager } from '../previews/previewManager';

/**
 * "Forge: Show Full Log": the dev server's whole log, read from the sandbox, in an untitled document (the Output
 * channel skips lines in a flood to keep the editor responsive, and says how many).
 */
export async function showFullLogCommand(previews: PreviewManager): Promise<void> {
  const entry = await pickPreview(previews);
  if (!entry) return;
  const { sandbox, info } = entry.preview;
  const text = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Forge: reading the full log of ${entry.title}` },
    () => fullCommandLog(sandbox, info.devServer.sessionId, info.devServer.commandId),
  );
  const document = await vscode.workspace.openTextDocument({ content: text, language: 'log' });
  await vscode.window.showTextDocument(document, { preview: false });
}

async function pickPreview(previews: PreviewManager): Promise<PreviewEntry | undefined> {
  const all = previews.all();
  if (all.length === 0) throw new ForgeError('internal', 'There is no preview in this window.', { hint: 'Run "Forge: Preview this repo" first.' });
  const current = previews.current();
  if (all.length === 1) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((entry) => ({ label: entry.title, ...(entry === current ? { description: 'current' } : {}), entry })),
    { placeHolder: 'The full log of which preview?' },
  );
  return picked?.entry;
}
