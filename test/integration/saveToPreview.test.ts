import * as assert from 'node:assert/strict';
import { renameSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { PreviewEntry } from '../../src/vscode/previews/previewEntry';
import type { TestingApi } from '../../src/vscode/testing';
import { eventually, setUpPreviewWorkspace, type PreviewWorkspace } from './support/previewWorkspace';

const TOKEN = 'ghp_forgeSaveTimingToken0123456789abcdef';
/** Set by `npm run bench -- --only save-to-preview` (bench/saveToPreviewVscode.ts): where the timings go. */
const RESULTS = process.env['FORGE_BENCH_SAVE_RESULTS'];
const SAVES = Number(process.env['FORGE_BENCH_SAVES'] ?? 5);

// Save to preview as a user feels it: an edit applied and saved through the VS Code API (the editor's save, its
// file watcher, Forge's sync on save), timed until the preview URL serves the saved text. Every save must arrive;
// the benchmark reads the timings.
describe('Forge: save to preview timing, through a real save', function () {
  this.timeout(300_000);
  let workspace: PreviewWorkspace;
  let testing: TestingApi;
  let folder: vscode.WorkspaceFolder;
  let entry: PreviewEntry;

  before(async () => {
    workspace = await setUpPreviewWorkspace({ token: TOKEN, slug: 'acme/vite-save-timing' });
    ({ testing, folder } = workspace);
    await vscode.workspace.getConfiguration('forge').update('syncOnSave', true, vscode.ConfigurationTarget.Global);
    // The clock starts at the save: an auto save in between would have saved (and started the sync) before it.
    await vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    entry = await testing.previews.preview(folder);
    await eventually(() => entry.status().sync === 'synced', 30_000, () => `sync: ${JSON.stringify(entry.status())}`);
  });

  after(async () => {
    await entry.preview.sandbox.delete(60).catch(() => undefined);
    await testing.previews.forget(entry.sandboxId);
    await workspace.dispose();
  });

  it('every saved edit is served by the preview; each save timed until it is', async () => {
    const { url } = await entry.signedUrl();
    const served = async (): Promise<string> => (await fetch(url, { signal: AbortSignal.timeout(10_000) })).text();
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'index.html'));
    const timings: number[] = [];
    // How much of each is VS Code's own save (until document.save() resolves): the part Forge cannot shorten.
    const saveTimings: number[] = [];
    for (let i = 0; i < SAVES; i++) {
      const marker = `save-timing-${i}-${Date.now()}`;
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(0, 0, document.lineCount, 0), document.getText().replace(/<div id="root">[^<]*<\/div>/, `<div id="root">${marker}</div>`));
      assert.ok(await vscode.workspace.applyEdit(edit), `save ${i}: the edit was not applied`);
      assert.ok(document.isDirty, `save ${i}: the edit left the document clean`);
      const started = performance.now();
      assert.ok(await document.save(), `save ${i}: document.save() returned false (dirty: ${document.isDirty})`);
      saveTimings.push(performance.now() - started);
      let seen: string;
      // Polled every 5 ms (eventually's 250 ms would be the resolution of the figure).
      const deadline = performance.now() + 30_000;
      while (!(seen = await served()).includes(marker)) {
        assert.ok(performance.now() < deadline, `save ${i} never served; the preview serves: ${seen.slice(0, 300)}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      timings.push(performance.now() - started);
      await eventually(() => entry.status().sync === 'synced', 10_000);
    }
    assert.equal(timings.length, SAVES);
    if (RESULTS) {
      writeFileSync(`${RESULTS}.tmp`, JSON.stringify({ timings, saveTimings, vscodeVersion: vscode.version, appName: vscode.env.appName }));
      renameSync(`${RESULTS}.tmp`, RESULTS);
    }
  });
});
