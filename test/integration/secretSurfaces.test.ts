import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { PreviewEntry } from '../../src/vscode/previews/previewEntry';
import type { TestingApi } from '../../src/vscode/testing';
import { scanText, scanTree, type Secret } from '../reliability/kit/secrets';
import { TestEnv } from './support/env';
import { setUpPreviewWorkspace, type PreviewWorkspace } from './support/previewWorkspace';

const TOKEN = 'ghp_forgeSecretSurfacesToken0123456789abcd';

// The VS Code surfaces a secret must never reach, after a real preview on the local backend: the webview's HTML,
// Forge's Output channel, and everything under code-server's --user-data-dir (settings.json, the Output channels'
// log files, the extension's storage), and the extension's workspace and global state (in the browser's storage
// under code-server, so read through the extension).
describe('Forge: no token, key or preview token on the VS Code surfaces after a preview', function () {
  this.timeout(300_000);
  let workspace: PreviewWorkspace;
  let testing: TestingApi;
  let entry: PreviewEntry;
  let secrets: Secret[];
  let signedToken: string;

  before(async () => {
    workspace = await setUpPreviewWorkspace({ token: TOKEN, slug: 'acme/vite-secrets' });
    testing = workspace.testing;
    entry = await testing.previews.preview(workspace.folder);
    testing.panels.show(entry);
    const backend = await testing.backends.get();
    const record = await readFile(path.join(workspace.dataDir, 'sandboxes', entry.sandboxId, 'sandbox.json'), 'utf8');
    const previewToken = /"authToken"\s*:\s*"([^"]+)"/.exec(record)?.[1] ?? '';
    signedToken = new URL((await entry.signedUrl()).url).searchParams.get('DAYTONA_SANDBOX_AUTH_KEY') ?? '';
    assert.ok(previewToken.length >= 8 && signedToken.length >= 8, 'the sandbox has a preview token and the link a signed token');
    secrets = [
      { name: 'GitHub token', value: TOKEN },
      { name: 'local backend API key', value: backend.connection.apiKey },
      { name: 'preview token', value: previewToken },
    ];
  });

  after(async () => {
    testing.panels.panelFor(entry.sandboxId)?.dispose();
    await entry.preview.sandbox.delete(60).catch(() => undefined);
    await testing.previews.forget(entry.sandboxId);
    await workspace.dispose();
  });

  it("the preview panel's HTML holds none (the signed link it frames carries only its own token)", () => {
    const panel = testing.panels.panelFor(entry.sandboxId);
    assert.ok(panel, 'the preview panel is open');
    const html = panel.panel.webview.html;
    assert.ok(html.length > 0);
    assert.deepEqual(scanText(html, secrets, 'the webview HTML'), []);
  });

  it("Forge's Output channel, the Output log files, settings and storage hold none, nor the signed token", async () => {
    const all = [...secrets, { name: 'signed preview token', value: signedToken }];
    assert.deepEqual(scanText(testing.logger.recent().join('\n'), all, "Forge's Output channel"), []);
    const results = process.env[TestEnv.results];
    assert.ok(results, `${TestEnv.results} is set by the harness`);
    const userData = path.join(path.dirname(results), 'user-data');
    // The control: the scanned tree really holds the Output channels and the settings Forge wrote.
    const scanned: string[] = [];
    const leaks = await scanTree(userData, (file) => {
      scanned.push(file);
      return all;
    });
    assert.ok(scanned.some((f) => f.endsWith(path.join('User', 'settings.json'))), `settings.json is not among ${scanned.length} files: ${scanned.slice(0, 20).join(', ')}`);
    const forgeLog = await findFile(scanned, /Preview of /);
    assert.ok(forgeLog, `no Output channel log file among ${scanned.length} scanned files holds Forge's lines`);
    assert.deepEqual(leaks.map((l) => `${l.secret} in ${l.where}`), []);
  });

  it("Forge's workspace and global state hold none, nor the signed token", () => {
    const all = [...secrets, { name: 'signed preview token', value: signedToken }];
    const dump = (memento: { keys(): readonly string[]; get(key: string): unknown }): string => JSON.stringify(Object.fromEntries(memento.keys().map((k) => [k, memento.get(k)])));
    const workspaceState = dump(testing.mementos.workspace);
    // The control: the scanned state is Forge's own, holding the preview it just remembered.
    assert.ok(workspaceState.includes(entry.sandboxId), `the workspace state does not remember the preview: ${workspaceState.slice(0, 200)}`);
    assert.deepEqual(scanText(workspaceState, all, 'the workspace state'), []);
    assert.deepEqual(scanText(dump(testing.mementos.global), all, 'the global state'), []);
  });
});

async function findFile(files: readonly string[], pattern: RegExp): Promise<string | undefined> {
  for (const file of files.filter((f) => f.endsWith('.log'))) {
    if (pattern.test(await readFile(file, 'utf8').catch(() => ''))) return file;
  }
  return undefined;
}
