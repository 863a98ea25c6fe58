import * as assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/vscode/commands/ids';
import { displayAddress } from '../../src/vscode/previews/signedAddress';
import { previewHealth } from '../../src/vscode/commands/checkHealth';
import type { PreviewEntry } from '../../src/vscode/previews/previewEntry';
import { ForgeStatusBar } from '../../src/vscode/statusBar';
import type { TestingApi } from '../../src/vscode/testing';
import type { SandboxNode } from '../../src/vscode/views/sandboxNode';
import { git } from '../support/git';
import { automationAvailable, screenshot, webviewText } from './support/automation';
import { sandboxTreeNode } from './support/sandboxTree';
import { eventually, setUpPreviewWorkspace, type PreviewWorkspace } from './support/previewWorkspace';

const TOKEN = 'ghp_forgeTruthIntegrationToken0123456789';
const SLUG = 'acme/truth-app';

// A plain Node dev server (no client that reloads itself) whose page says when it started and what the repo's
// pull.txt held then: a new server shows a new page, so the panel showing it proves the action brought the
// preview back, not that an old page stayed on screen.
const DEV_SERVER = [
  'node -e \'const fs=require("fs");const t=Date.now()+"-"+process.pid;let v="none";',
  'try{v=fs.readFileSync("pull.txt","utf8").trim()}catch(e){}',
  'require("http").createServer((q,s)=>{s.setHeader("content-type","text/html");s.end("<!doctype html><title>truth</title><p id=truth>started "+t+" pull "+v+"</p>")})',
  '.listen(5173,"0.0.0.0",()=>console.log("truth server listening on 5173"))\'',
].join('');

// Every lifecycle action in a real VS Code on the local backend ends with the panel's frame on the new dev
// server's page, and the panel's badge, the status bar and the health check saying the same.
describe('Forge: every lifecycle action ends in a working preview', function () {
  this.timeout(600_000);
  let workspace: PreviewWorkspace;
  let testing: TestingApi;
  let folder: vscode.WorkspaceFolder;
  let entry: PreviewEntry;
  let statusBar: ForgeStatusBar;
  let lastPage = '';
  const errors: unknown[][] = [];
  let restoreErrors: () => void = () => undefined;
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('forge');

  before(async function () {
    if (!automationAvailable()) this.skip(); // the frame's page is what this suite checks
    // Only this suite's panel: the page selectors below must not find another suite's webview.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    workspace = await setUpPreviewWorkspace({ token: TOKEN, slug: SLUG });
    ({ testing, folder } = workspace);
    await config().update('devCommand', DEV_SERVER, vscode.ConfigurationTarget.Global);
    await config().update('port', 5173, vscode.ConfigurationTarget.Global);
    statusBar = new ForgeStatusBar(testing.previews);
    // Only the error dialog is replaced, to read what a command reported instead of leaving it on screen.
    const window = vscode.window as unknown as Record<string, unknown>;
    const original = window['showErrorMessage'];
    window['showErrorMessage'] = (...args: unknown[]) => {
      errors.push(args);
      return Promise.resolve(undefined);
    };
    restoreErrors = () => (window['showErrorMessage'] = original);
  });

  /** Runs a command the way the palette or the tree does; it must not have reported an error. */
  async function run(command: string, ...args: unknown[]): Promise<void> {
    errors.length = 0;
    await vscode.commands.executeCommand(command, ...args);
    assert.deepEqual(errors, [], `${command} reported an error`);
  }

  after(async () => {
    restoreErrors();
    statusBar?.dispose();
    await config().update('devCommand', undefined, vscode.ConfigurationTarget.Global);
    await config().update('port', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (entry) {
      await entry.preview.sandbox.delete(60).catch(() => undefined);
      await testing.previews.forget(entry.sandboxId);
    }
    await workspace?.dispose();
  });

  /** The frame's page, once it is a dev server's page other than the last one seen; then everything agrees. */
  async function expectNewServer(action: string, pull?: string): Promise<void> {
    let seen = '';
    await eventually(
      async () => {
        seen = await webviewText('#truth').catch((e: unknown) => String(e));
        return seen.startsWith('started ') && seen !== lastPage && (pull === undefined || seen.endsWith(`pull ${pull}`));
      },
      90_000,
      () => `after ${action} the panel shows "${seen}" (before: "${lastPage}")`,
    );
    lastPage = seen;
    assert.equal(entry.status().phase, 'ready', `after ${action}: ${JSON.stringify(entry.status())}`);
    // The badge is the webview's copy of the state, posted to it: it follows the entry a moment later.
    let badge = '';
    await eventually(async () => /^running/.test((badge = await webviewText('#status'))), 10_000, () => `the panel's badge after ${action}: ${badge}`);
    assert.match(statusBar.presentation.text, /Forge: running/, `the status bar after ${action}`);
    const health = await previewHealth(entry);
    assert.ok(health.healthy, `the health check after ${action}: ${health.summary}`);
    await screenshot(`truth-${action.replace(/\W+/g, '-').toLowerCase()}`);
  }

  const treeNode = (): Promise<SandboxNode> => sandboxTreeNode(testing, entry.sandboxId);

  it('opens the preview of a plain Node server', async () => {
    await run(CommandIds.preview);
    const found = testing.previews.all().find((e) => e.folderKey === folder.uri.toString());
    assert.ok(found, 'a preview must exist');
    entry = found;
    await expectNewServer('Preview this repo');
  });

  it('gives one link for the frame, the toolbar, Copy Link and Open in Browser, and it answers', async () => {
    const panel = testing.panels.panelFor(entry.sandboxId);
    assert.ok(panel?.currentSignedUrl, 'the panel shows a signed link');
    // Copy Link and Open in Browser (panel and tree) all ask the preview for its link.
    const copied = await entry.signedUrl();
    assert.equal(copied.url, panel.currentSignedUrl.url, 'Copy Link gives the frame\'s link');
    assert.equal(await webviewText('#address'), displayAddress(copied), 'the toolbar shows that link');
    assert.match(await webviewText('#expiry'), /expires in \d+ (min|h)$/, 'with its lifetime');
    const response = await fetch(copied.url, { signal: AbortSignal.timeout(10_000) });
    assert.equal(response.status, 200);
    assert.equal((await response.text()).includes(lastPage), true, 'the link opens the app');
  });

  it('Restart Preview (palette) shows the new server', async () => {
    await run(CommandIds.restartPreview);
    assert.equal(entry.status().phase, 'ready', 'the command ends once the new dev server answers');
    await expectNewServer('Restart Preview');
  });

  it('Restart Dev Server (tree) shows the new server', async () => {
    await run(CommandIds.restartDevServer, await treeNode());
    await expectNewServer('Restart Dev Server');
    // The README's picture: the tree says the state in words beside a panel after a restart.
    await vscode.commands.executeCommand('workbench.view.extension.forge');
    await testing.sandboxesView.model.refresh();
    assert.match(String(testing.sandboxesView.provider.getTreeItem(await treeNode()).description), /^running · main/);
    await new Promise((r) => setTimeout(r, 1_000));
    await screenshot('truth-tree-and-panel-after-restart');
  });

  it('Stop then Start Sandbox brings the preview back', async () => {
    await run(CommandIds.stopSandbox, await treeNode());
    await eventually(() => entry.status().phase === 'stopped', 30_000, () => JSON.stringify(entry.status()));
    assert.match(statusBar.presentation.text, /Forge: stopped/);
    let overlay = '';
    await eventually(async () => /Stopped: the sandbox was stopped/.test((overlay = await webviewText('#overlay-text').catch((e: unknown) => String(e)))), 20_000, () => `the panel says: "${overlay}"`);
    await screenshot('truth-stopped');
    await run(CommandIds.startSandbox, await treeNode());
    await expectNewServer('Start Sandbox');
  });

  it('Pull Latest shows the server of the new commit', async () => {
    const clone = await mkdtemp(path.join(tmpdir(), 'forge-truth-clone-'));
    await git(clone, [...workspace.server.authArgs(), 'clone', '-q', `${workspace.server.baseUrl}/${SLUG}.git`, '.']);
    await writeFile(path.join(clone, 'pull.txt'), 'v2\n');
    await git(clone, ['add', 'pull.txt']);
    await git(clone, ['commit', '-qm', 'A new commit on the remote']);
    await git(clone, [...workspace.server.authArgs(), 'push', '-q', 'origin', 'HEAD:main']);
    await run(CommandIds.pullAndRestart, await treeNode());
    await expectNewServer('Pull Latest', 'v2');
  });

  it('Resync shows the new server', async () => {
    // As a person would after pulling in the sandbox: the folder catches up, so the sandbox's HEAD is known here.
    await git(folder.uri.fsPath, [...workspace.server.authArgs(), 'pull', '-q', '--ff-only', 'origin', 'main']);
    await run(CommandIds.resync);
    await expectNewServer('Resync');
  });

  it('running Preview this repo again shows the new server', async () => {
    await run(CommandIds.preview);
    await expectNewServer('Preview again');
  });

  it('running Preview this repo again with nothing changed answers from state: same server, steps repo and ready only', async () => {
    const began: string[] = [];
    const listening = testing.previews.onDidBeginStep(({ step }) => began.push(step));
    const started = performance.now();
    try {
      await run(CommandIds.preview);
    } finally {
      listening.dispose();
    }
    const ms = Math.round(performance.now() - started);
    assert.deepEqual(began, ['repo', 'ready'], `the steps that ran (${ms} ms)`);
    assert.ok(ms < 5_000, `the re-preview took ${ms} ms`);
    assert.equal(await webviewText('#truth'), lastPage, 'the same dev server still answers in the panel');
    assert.equal(entry.status().phase, 'ready');
    await screenshot('truth-preview-unchanged');
  });

  it('after Delete the tab says so, and a new preview reuses that tab', async () => {
    const window = vscode.window as unknown as Record<string, unknown>;
    const original = window['showWarningMessage'];
    window['showWarningMessage'] = (_message: string, _options: unknown, ...items: vscode.MessageItem[]) => Promise.resolve(items.find((i) => i.title === 'Delete'));
    try {
      await run(CommandIds.deleteSandbox, await treeNode());
    } finally {
      window['showWarningMessage'] = original;
    }
    assert.equal(entry.status().phase, 'deleted');
    let text = '';
    await eventually(async () => (text = await webviewText('#overlay-text').catch((e: unknown) => String(e))).includes('This sandbox was deleted'), 20_000, () => `the tab shows: ${text}`);
    assert.match(text, /Preview again/);
    assert.match(statusBar.presentation.text, /Forge: deleted/);
    await screenshot('truth-deleted');
    const tabs = (): number => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.label.startsWith('Preview:')).length;
    assert.equal(tabs(), 1, 'one preview tab');

    const deletedId = entry.sandboxId;
    await run(CommandIds.preview);
    const again = testing.previews.all().find((e) => e.folderKey === folder.uri.toString());
    assert.ok(again && again.sandboxId !== deletedId, 'a new sandbox');
    entry = again;
    await expectNewServer('Preview after Delete');
    assert.equal(tabs(), 1, 'the new preview took the deleted tab over');
  });

  it('a Vite app (its client reconnects by itself) comes back after Restart Preview too', async () => {
    await config().update('devCommand', undefined, vscode.ConfigurationTarget.Global);
    await run(CommandIds.preview);
    const vite = async (): Promise<string> => webviewText('#forge-fixture').catch((e: unknown) => String(e));
    let seen = '';
    await eventually(async () => (seen = await vite()).includes('Forge fixture: vite'), 90_000, () => `the panel shows: ${seen}`);
    await run(CommandIds.restartPreview);
    assert.equal(entry.status().phase, 'ready');
    await eventually(async () => (seen = await vite()).includes('Forge fixture: vite'), 90_000, () => `after Restart Preview the panel shows: ${seen}`);
    // The badge is the webview's copy of the state, posted to it: it follows the entry a moment later.
    let badge = '';
    await eventually(async () => /^running/.test((badge = await webviewText('#status'))), 10_000, () => `the panel's badge after Restart Preview: ${badge}`);
    assert.ok((await previewHealth(entry)).healthy);
    await screenshot('truth-vite-after-restart');
  });
});
