import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PreviewEntry } from '../../src/vscode/previews/previewEntry';
import type { TestingApi } from '../../src/vscode/testing';
import { eventually, setUpPreviewWorkspace, type PreviewWorkspace } from './support/previewWorkspace';

const TOKEN = 'ghp_forgeFullLogToken0123456789abcdefghij';

// "Forge: Show Full Log" in a real VS Code: the Vite workspace is previewed on the local backend; the command opens
// the dev server's whole log, read from the sandbox, as an untitled document.
describe('Forge: Show Full Log opens the dev server log from the sandbox', function () {
  this.timeout(300_000);
  let workspace: PreviewWorkspace;
  let testing: TestingApi;
  let entry: PreviewEntry;

  before(async () => {
    workspace = await setUpPreviewWorkspace({ token: TOKEN, slug: 'acme/vite-full-log' });
    testing = workspace.testing;
    entry = await testing.previews.preview(workspace.folder);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await entry.preview.sandbox.delete(60).catch(() => undefined);
    await testing.previews.forget(entry.sandboxId);
    await workspace.dispose();
  });

  it('shows what the dev server printed, without stream markers or colour codes', async () => {
    await vscode.commands.executeCommand('forge.logs.showFull');
    await eventually(() => vscode.window.activeTextEditor?.document.isUntitled === true, 20_000, () => `active editor: ${vscode.window.activeTextEditor?.document.uri.toString() ?? 'none'}`);
    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    // Vite's banner: the dev server's own output, read back from the sandbox.
    assert.match(text, /VITE v\d+/);
    assert.match(text, /Local:/);
    assert.ok(!['\u0001', '\u0002', '\u001b'].some((c) => text.includes(c)), 'no stream markers or escape codes');
  });
});
