import * as assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/vscode/commands/ids';
import type { PreviewEntry } from '../../src/vscode/previews/previewEntry';
import type { TestingApi } from '../../src/vscode/testing';
import type { SandboxNode } from '../../src/vscode/views/sandboxNode';
import { chooseBrowserTarget } from '../../src/vscode/previews/browserChoice';
import { automationAvailable, loadPageText, screenshot, webviewText, workbenchText } from './support/automation';
import { listeningPortsOfThisProcess } from './support/listeningPorts';
import { sandboxTreeNode } from './support/sandboxTree';
import { eventually, setUpPreviewWorkspace, type PreviewWorkspace } from './support/previewWorkspace';

const TOKEN = 'ghp_forgePortsIntegrationToken012345678';
const API_PORT = 8080;

// The sandbox at hand, in the real VS Code (code-server + Chromium) on the local backend, with the default
// fixture (a Vite + React app: its page needs /@vite/client and /src/main.jsx at the origin's root).
describe('Forge: the ports of a previewed sandbox, its auto-stop, Open in Browser', function () {
  this.timeout(600_000);
  let workspace: PreviewWorkspace;
  let testing: TestingApi;
  let entry: PreviewEntry;

  before(async function () {
    if (!automationAvailable()) this.skip(); // the notification, the browser page and the panel are read through the page
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    workspace = await setUpPreviewWorkspace({ token: TOKEN, slug: 'acme/ports-app' });
    testing = workspace.testing;
    await vscode.commands.executeCommand(CommandIds.preview);
    const found = testing.previews.all()[0];
    assert.ok(found, 'a preview must exist');
    entry = found;
    await eventually(() => entry.status().phase === 'ready', 120_000, () => JSON.stringify(entry.status()));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await workspace?.dispose();
  });

  const treeNode = (): Promise<SandboxNode> => sandboxTreeNode(testing, entry.sandboxId);

  it('Open in Browser, Copy Link and the toolbar give one link, and the Vite app renders in the browser from it', async () => {
    const panel = testing.panels.panelFor(entry.sandboxId);
    assert.ok(panel, 'the preview opens its panel');
    await eventually(() => panel.currentSignedUrl !== undefined, 30_000, () => 'the panel to get its link');
    const shown = panel.currentSignedUrl?.url ?? '';
    await panel.receive({ type: 'copyLink' });
    assert.equal(await vscode.env.clipboard.readText(), shown, 'Copy Link copies the link the frame shows');
    // What Open in Browser opens (browserLink.ts): the host's mapping of the link, unless it breaks the app's paths.
    const mapped = (await vscode.env.asExternalUri(vscode.Uri.parse(shown, true))).toString(true);
    const target = chooseBrowserTarget(shown, mapped);
    console.log(`[ports] mapped to ${mapped.replace(/\d{4,5}/g, 'N')}, opening the ${target.kind} link`);
    const opened = await loadPageText(target.url, '#forge-fixture', { timeoutMs: 30_000 });
    assert.ok(opened.found, `${opened.url} does not render the app; it shows: ${opened.text.slice(0, 300)}`);
    assert.match(opened.text, /React rendered/);
    assert.equal(new URL(opened.url).origin, new URL(shown).origin, 'the browser lands on the origin the frame shows');
    if (target.kind === 'signed' && mapped !== shown) {
      // code-server maps it under its own origin (/proxy/<port>/): the premise, checked in the same browser.
      assert.match(mapped, /\/proxy\/\d+\/?$/);
      const broken = await loadPageText(mapped, '#forge-fixture', { timeoutMs: 8_000 });
      assert.ok(!broken.found, `the /proxy/ mapping renders the app after all: ${broken.url}`);
    }
  });

  it("keeps Forge's own listeners out of VS Code's Ports view, which still forwards another port of this window", async () => {
    // The control: a listener of this extension host that is not Forge's. The Ports view must list it, or the
    // absence of Forge's would prove nothing.
    const control = createServer((_req, res) => res.end('control'));
    await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
    const controlPort = (control.address() as AddressInfo).port;
    try {
      const panel = testing.panels.panelFor(entry.sandboxId);
      assert.ok(panel);
      await panel.receive({ type: 'copyLink' });
      // This process also holds the suite's git server: every other listener is Forge's.
      const gitServerPort = Number(new URL(workspace.server.baseUrl).port);
      const forgePorts = (await listeningPortsOfThisProcess()).filter((port) => port !== controlPort && port !== gitServerPort);
      assert.ok(forgePorts.length >= 2, `the local backend's API and the preview's link listen in this process: ${forgePorts.join(', ')}`);
      await vscode.commands.executeCommand('~remote.forwardedPorts.focus');
      let text = '';
      await eventually(async () => (text = await workbenchText('.part.panel', { timeoutMs: 5_000 }).catch(() => '')).includes(String(controlPort)), 45_000, () => `the Ports view to list the control port ${controlPort}; it shows: ${text}`);
      await screenshot('ports-view');
      console.log(`[ports] Forge listens on ${forgePorts.join(', ')}; the Ports view shows: ${text.replace(/\s+/g, ' ').slice(0, 400)}`);
      assert.deepEqual(forgePorts.filter((port) => new RegExp(`\\b${port}\\b`).test(text)), [], 'no Forge listener in the Ports view');
    } finally {
      control.close();
      await vscode.commands.executeCommand('workbench.action.closePanel');
    }
  });

  it('lists a port the app opens under the sandbox node, and asks about it once', async () => {
    const { daytona } = await testing.backends.get();
    const sandbox = await daytona.get(entry.sandboxId);
    await sandbox.process.createSession('api');
    await sandbox.process.executeSessionCommand('api', {
      command: `node -e 'require("http").createServer((q,s)=>s.end("api")).listen(${API_PORT},"0.0.0.0")'`,
      runAsync: true,
    });
    const ports = testing.sandboxesView.ports;
    console.log(`[ports] watched: ${String(ports.isWatched(entry.sandboxId))}, ports ${JSON.stringify(ports.portsOf(entry.sandboxId))}`);
    await eventually(() => ports.portsOf(entry.sandboxId).some((p) => p.port === API_PORT), 30_000, () => JSON.stringify(ports.portsOf(entry.sandboxId)));
    const listed = ports.portsOf(entry.sandboxId);
    assert.deepEqual(listed[0], { port: entry.preview.info.port, preview: true }, 'the dev server first, marked as the preview');
    assert.deepEqual(listed.find((p) => p.port === API_PORT), { port: API_PORT, preview: false });

    const node = await treeNode();
    const children = await testing.sandboxesView.provider.getChildren(node);
    const items = children.map((c) => testing.sandboxesView.provider.getTreeItem(c));
    assert.deepEqual(items.filter((i) => i.contextValue === 'forge.port').map((i) => [i.label, i.description]), [[`Port ${entry.preview.info.port}`, 'preview'], [`Port ${API_PORT}`, 'open']]);

    const toast = await workbenchText('.notifications-toasts', { timeoutMs: 20_000 });
    assert.match(toast, new RegExp(`your app opened port ${API_PORT}`));
    await vscode.commands.executeCommand('workbench.view.extension.forge');
    await new Promise((r) => setTimeout(r, 1_500)); // the view loads its root before a node can be revealed
    await testing.sandboxesView.treeView.reveal(node, { expand: true }).then(undefined, (error: unknown) => console.log(`[ports] reveal: ${String(error)}`));
    await new Promise((r) => setTimeout(r, 1_500));
    await screenshot('ports-tree-and-notification');
    // Further lists find the same port: no second notification.
    await new Promise((r) => setTimeout(r, 10_000));
    const again = await workbenchText('.notifications-toasts', { timeoutMs: 5_000 }).catch(() => '');
    assert.equal(again.split(`your app opened port ${API_PORT}`).length - 1, 1, `notifications: ${again}`);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('counts down to auto-stop once no panel shows the preview', async () => {
    const { daytona } = await testing.backends.get();
    const sandbox = await daytona.get(entry.sandboxId);
    await sandbox.setAutostopInterval(15);
    await sandbox.refreshActivity();
    const description = async (): Promise<string> => String(testing.sandboxesView.provider.getTreeItem(await treeNode()).description);
    assert.match(await description(), /kept awake/, 'a visible panel keeps it awake');
    const panel = testing.panels.panelFor(entry.sandboxId);
    assert.ok(panel);
    // Another editor in the panel's group hides the panel.
    const doc = await vscode.workspace.openTextDocument({ content: 'hides the preview' });
    await vscode.window.showTextDocument(doc, { viewColumn: panel.panel.viewColumn ?? vscode.ViewColumn.Beside, preview: false });
    await eventually(() => !panel.panel.visible, 10_000, () => 'the panel to be hidden');
    assert.match(await description(), /stops in (14|15) min/);
    assert.match(testing.sandboxesView.countdown(entry.sandboxId) ?? '', /stops in (14|15) min/);
    await new Promise((r) => setTimeout(r, 1_000));
    await screenshot('ports-stops-in');
    panel.panel.reveal();
  });

  it('a stopped sandbox behind the panel shows Start and reload, which brings the preview back', async () => {
    await vscode.commands.executeCommand(CommandIds.stopSandbox, await treeNode());
    await eventually(() => entry.status().phase === 'stopped', 60_000, () => JSON.stringify(entry.status()));
    let button = '';
    await eventually(async () => /Start and reload/.test((button = await webviewText('#start-reload').catch((e: unknown) => String(e)))), 20_000, () => `the panel shows: ${button}`);
    await screenshot('ports-start-and-reload');
    const panel = testing.panels.panelFor(entry.sandboxId);
    assert.ok(panel);
    await panel.receive({ type: 'startAndReload' });
    await eventually(() => entry.status().phase === 'ready', 120_000, () => JSON.stringify(entry.status()));
    const link = panel.currentSignedUrl;
    assert.ok(link, 'the panel has its link again');
    const page = await (await fetch(link.url)).text();
    assert.match(page, /@vite\/client/, 'the frame\'s link serves the Vite app again');
  });
});
