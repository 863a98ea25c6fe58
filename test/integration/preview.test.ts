import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StepName } from '../../src/core/pipeline/steps';
import type { TestingApi } from '../../src/vscode/testing';
import type { GitServer } from '../support/gitServer';
import { automationAvailable, screenshot, webviewText } from './support/automation';
import { eventually, setUpPreviewWorkspace, type PreviewWorkspace } from './support/previewWorkspace';

const TOKEN = 'ghp_forgeIntegrationToken0123456789abcdef';

// "Forge: Preview this repo" in a real VS Code: the workspace (a Vite fixture) is pushed to a git server that
// requires the token, the local backend runs the sandboxes, the real SDK talks to it.
describe('Forge: Preview this repo, end to end', function () {
  this.timeout(300_000);
  let workspace: PreviewWorkspace;
  let server: GitServer;
  let testing: TestingApi;
  let folder: vscode.WorkspaceFolder;
  let dataDir: string;

  before(async () => {
    workspace = await setUpPreviewWorkspace({ token: TOKEN, slug: 'acme/vite-app' });
    ({ testing, folder, dataDir, server } = workspace);
  });

  after(async () => {
    // Leave the workbench as the next suites expect it: no preview panel open.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await workspace.dispose();
  });

  async function runningSandboxes(): Promise<string[]> {
    const { daytona } = await testing.backends.get();
    const running: string[] = [];
    for await (const sandbox of daytona.list()) if (sandbox.state === 'started') running.push(sandbox.id);
    return running;
  }

  const cancelAt: StepName[] = ['sandbox', 'code', 'install', 'devServer', 'ready'];
  for (const step of cancelAt) {
    it(`cancelling at the "${step}" step leaves no sandbox running`, async () => {
      const before = await runningSandboxes();
      const abort = new AbortController();
      const subscription = testing.previews.onDidBeginStep((e) => {
        if (e.step === step) abort.abort();
      });
      try {
        await assert.rejects(testing.previews.preview(folder, abort.signal), (error: unknown) => (error as { code?: unknown }).code === 'cancelled');
      } finally {
        subscription.dispose();
      }
      // Nothing new runs: a sandbox this run created is deleted again (one that already ran is left alone).
      assert.deepEqual((await runningSandboxes()).sort(), before.sort());
    });
  }

  it('opens the running app in a preview panel and streams the dev server output', async () => {
    await vscode.commands.executeCommand('forge.preview');
    const entry = testing.previews.all()[0];
    assert.ok(entry, 'a preview must exist after the command');
    assert.equal(entry.status().phase, 'ready', `status: ${JSON.stringify(entry.status())}`);

    // Every step was announced in the Forge log.
    const log = testing.logger.recent().join('\n');
    for (const title of ['Reading the repository', 'Preparing the sandbox', 'Bringing the code into the sandbox', 'Detecting the framework', 'Installing dependencies', 'Starting the dev server', 'Waiting for the dev server to answer', 'Opening the preview']) {
      assert.ok(log.includes(`${title}: done`), `missing step "${title}" in the Forge log`);
    }
    // Vite prints its banner after it starts listening: it must reach the Output channel.
    await eventually(() => entry.log.recent().some((line) => /ready in \d+/.test(line)), 20_000, () => `dev server log: ${entry.log.recent().join(' | ')}`);

    // The panel shows the app.
    const panel = testing.panels.panelFor(entry.sandboxId);
    assert.ok(panel, 'the preview panel must be open');
    if (automationAvailable()) {
      let seen = '';
      await eventually(async () => (seen = await webviewText('#forge-fixture').catch((e: unknown) => String(e))).includes('Forge fixture: vite'), 60_000, () => `the panel shows: ${seen}`);
      await screenshot('preview-vite');
      // The README's picture: the Sandboxes view beside the preview panel.
      await vscode.commands.executeCommand('workbench.view.extension.forge');
      await testing.sandboxesView.model.refresh();
      await new Promise((r) => setTimeout(r, 1_000));
      await screenshot('forge-view-and-preview');
    }

    // No secret in the webview HTML, the Forge log, or the sandbox's git config.
    const { connection } = await testing.backends.get();
    for (const secret of [TOKEN, connection.apiKey]) {
      assert.ok(!panel.panel.webview.html.includes(secret), 'webview HTML holds a secret');
      assert.ok(!log.includes(secret), 'the Forge log holds a secret');
      assert.ok(!entry.log.recent().join('\n').includes(secret), 'the dev server log holds a secret');
    }
    const local = await testing.backends.localBackend();
    assert.equal(local?.dataDir, dataDir, 'the local backend must use the data directory the suite configured');
    const gitConfig = await readFile(path.join(dataDir, 'sandboxes', entry.sandboxId, 'home', path.basename(entry.preview.info.repoPath), '.git', 'config'), 'utf8');
    assert.ok(gitConfig.includes(server.baseUrl), 'the sandbox cloned from the git server');
    assert.ok(!gitConfig.includes(TOKEN), 'the token is in the sandbox\'s .git/config');
    assert.ok(server.requests.some((r) => r.credentials?.password === TOKEN), 'the clone authenticated with the token');
  });

  it('follows the dev server log only while its panel or Output channel is visible, and resumes without repeating', async () => {
    const entry = testing.previews.all()[0];
    assert.ok(entry, 'the preview of the test before');
    const panel = testing.panels.panelFor(entry.sandboxId);
    assert.ok(panel, 'the preview panel of the test before');
    panel.panel.reveal(panel.panel.viewColumn, false);
    await eventually(() => panel.panel.visible && entry.session.followingLogs, 10_000, () => 'the visible panel is followed');
    // The Output channel holds the earlier tests' dev servers too: a repeated log would add a banner to theirs.
    const banners = (): number => entry.log.recent().filter((line) => /ready in \d+/.test(line)).length;
    const bannersBefore = banners();
    assert.ok(bannersBefore >= 1, `the running dev server's banner is in the log: ${entry.log.recent().join(' | ')}`);
    // A text editor over the panel's column hides it; the Output channel is not shown: nobody watches.
    const doc = await vscode.workspace.openTextDocument({ content: 'covers the preview panel' });
    await vscode.window.showTextDocument(doc, panel.panel.viewColumn);
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await eventually(() => !panel.panel.visible, 10_000, () => 'the panel is hidden');
    await eventually(() => !entry.session.followingLogs, 45_000, () => 'the log is still followed 45 s after nobody watches');
    // Showing the Output channel (Forge: Show Logs does this) follows again.
    entry.log.show();
    await eventually(() => entry.session.followingLogs, 10_000, () => `not followed with the Output channel shown; visible: ${vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()).join(', ')}`);
    await new Promise((r) => setTimeout(r, 2_000));
    // The untitled cover is dirty: close it without the save prompt the test host cannot answer.
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.equal(banners(), bannersBefore, `the banner was repeated: ${entry.log.recent().join(' | ')}`);
  });
});
