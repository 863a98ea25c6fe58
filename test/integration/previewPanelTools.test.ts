// Issue 19's panel tools in real code-server, driven through the toolbar like a person: the device menu sizes
// the app's viewport (read inside the app's frame), the address bar navigates the frame and refuses other sites,
// both come back after a restore, and Share… makes a link of the chosen lifetime whose QR code decodes to it.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import * as vscode from 'vscode';
import type { Logger } from '../../src/common/logger';
import { PreviewPanelSerializer } from '../../src/vscode/previews/panelSerializer';
import { PreviewPanelRegistry } from '../../src/vscode/previews/panelRegistry';
import { PreviewPanel } from '../../src/vscode/previews/previewPanel';
import { FakePreviewSource, FakeRegistry, TestApp, waitUntil } from './previewPanelFakes';
import { requireAutomation, screenshot, workbenchText } from './support/automation';
import { forgeExtension } from './support/forge';
import { appFrame, keyboard, webviewAct, webviewElementScreenshot, webviewQuery } from './support/webviewActions';

const logger: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const host = (): { extensionUri: vscode.Uri } => ({ extensionUri: forgeExtension().extensionUri });

let ownPanels: PreviewPanelRegistry | undefined;
/** The tests' own panel registry (the extension's belongs to its activate()). */
function panels(): PreviewPanelRegistry {
  return (ownPanels ??= new PreviewPanelRegistry(host(), logger));
}

async function eventually<T>(what: string, read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  let last: T | undefined;
  await waitUntil(what, async () => {
    last = await read().catch(() => undefined);
    return last !== undefined && ok(last);
  }, 30_000).catch((error: unknown) => {
    const message = `${error instanceof Error ? error.message : String(error)}; last: ${JSON.stringify(last)}`;
    console.log(`[panel tools] ${message}`); // the runner's output keeps it when the reporter's epilogue is cut
    throw new Error(message);
  });
  return last as T;
}

const frameSize = (width: number, height: number) => (seen: { width: number; height: number }) => seen.width === width && seen.height === height;

describe('Preview panel tools: devices, address bar, share', function () {
  this.timeout(120_000);
  let app: TestApp;
  let source: FakePreviewSource;
  let panel: PreviewPanel | undefined;

  before(async function () {
    requireAutomation(this);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    app = await TestApp.start(`Forge tools app ${Date.now().toString(36)}`);
  });
  after(async () => {
    await app?.close();
  });
  beforeEach(async () => {
    source = new FakePreviewSource('sbx-tools', 'acme/tools · main', [app]);
    panel = panels().show(source, vscode.ViewColumn.One);
    await eventually('the app is in the frame', appFrame, (seen) => seen.href.includes(`/signed/${source.issued[0]?.token ?? '-'}/`));
  });
  afterEach(async () => {
    panel?.panel.dispose();
    panel = undefined;
    source.dispose();
    await noAppFrame(); // the next test's clicks must not land in this panel's page while it goes away
  });

  it('sizes the frame to a phone (390×844, seen by the app), rotates it, and shows the size', async () => {
    await webviewAct('#device', 'select', 'iphone-14');
    await eventually('the app sees 390×844', appFrame, frameSize(390, 844));
    assert.match((await webviewQuery('#frame-size')).text, /^390 × 844/);
    const element = await webviewQuery('#app');
    assert.deepEqual([element.width, element.height], [390, 844], 'the iframe element is 390×844 CSS pixels');
    await screenshot('preview-phone');
    await webviewAct('#rotate', 'click');
    await eventually('rotate swaps the sides', appFrame, frameSize(844, 390));
    assert.match((await webviewQuery('#frame-size')).text, /^844 × 390/);
    await webviewAct('#device', 'select', 'custom');
    await webviewAct('#custom-size', 'fill', '500×700');
    await webviewAct('#custom-size', 'press', 'Enter');
    await eventually('a custom size applies', appFrame, frameSize(500, 700));
    await webviewAct('#device', 'select', 'responsive');
    const filled = await eventually('responsive fills the panel again', appFrame, (seen) => seen.width > 500 || seen.height > 700);
    assert.ok(filled.width !== 500, JSON.stringify(filled));
  });

  it('navigates the frame to a typed path, goes back and forward, and refuses other sites', async () => {
    const token = source.issued[0]?.token ?? '';
    await webviewAct('#path', 'fill', '/about?x=1');
    await webviewAct('#path', 'press', 'Enter');
    await eventually('the frame is at /about?x=1', appFrame, (seen) => seen.href.endsWith(`/signed/${token}/about?x=1`));
    assert.ok(app.requests.includes(`/signed/${token}/about?x=1`), 'the app served /about');
    await screenshot('preview-address');
    await webviewAct('#back', 'click');
    await eventually('back returns to /', appFrame, (seen) => seen.href.endsWith(`/signed/${token}/`));
    assert.equal((await webviewQuery('#path')).value, '/');
    await webviewAct('#forward', 'click');
    await eventually('forward returns to /about', appFrame, (seen) => seen.href.endsWith('/about?x=1'));

    const requests = app.requests.length;
    for (const attack of ['javascript:alert(1)', '//evil.example/x', 'https://evil.example/']) {
      await webviewAct('#path', 'fill', attack);
      await webviewAct('#path', 'press', 'Enter');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const seen = await appFrame();
    assert.ok(seen.href.startsWith(app.origin) && seen.href.endsWith('/about?x=1'), `the frame left the app: ${seen.href}`);
    assert.equal(app.requests.length, requests, 'refused input loaded nothing');
  });

  it('restores the device and the last path after a reload (serializer state)', async () => {
    await webviewAct('#device', 'select', 'pixel-7');
    await webviewAct('#path', 'fill', '/dashboard');
    await webviewAct('#path', 'press', 'Enter');
    await eventually('the frame is at /dashboard', appFrame, (seen) => seen.href.includes('/dashboard') && seen.width === 412);
    const stored = JSON.parse((await eventually('the page stored its state', stateOfPage, (s) => s.includes('dashboard')))) as unknown;
    panel?.panel.dispose();
    panel = undefined;
    await noAppFrame();

    // What VS Code does after a reload: a new webview panel, handed to the serializer with the stored state.
    const registry = new FakeRegistry();
    registry.setCurrent(source);
    const restored = vscode.window.createWebviewPanel(PreviewPanel.viewType, 'Preview: acme/tools · main', vscode.ViewColumn.One, { enableScripts: true });
    await new PreviewPanelSerializer(panels(), registry, logger).deserializeWebviewPanel(restored, stored);
    panel = panels().panelFor(source.sandboxId);
    assert.ok(panel, 'the serializer revived the panel');
    await eventually('the restored frame is at /dashboard, Pixel 7 sized', appFrame, (seen) => seen.href.includes('/dashboard') && frameSize(412, 915)(seen));
    assert.equal((await webviewQuery('#path')).value, '/dashboard');
    assert.equal((await webviewQuery('#back')).disabled, false, 'the history came back too');
    registry.dispose();
  });

  it('shares a link with the chosen lifetime, copies it, shows its QR code, and revokes it', async () => {
    await webviewAct('#device', 'select', 'iphone-14'); // for the README's picture: a phone-sized preview and its QR code
    await eventually('the app sees 390×844', appFrame, frameSize(390, 844));
    await webviewAct('#share', 'click');
    // The lifetime quick pick opens in the workbench: type into it only once it is on screen.
    assert.match(await workbenchText('.quick-input-widget .quick-input-title', { timeoutMs: 20_000 }), /Share Preview/);
    await keyboard({ type: '15 minutes' });
    await keyboard({ press: 'Enter' });
    await eventually('the share sheet shows a QR code', () => webviewQuery('#share-qr'), (qr) => qr.src.startsWith('data:image/png'));
    assert.deepEqual(source.sharedLifetimes, [900], 'the backend was asked for 15 minutes');
    const link = await vscode.env.clipboard.readText();
    const shared = source.issued.at(-1);
    assert.equal(link, shared?.url, 'the shared link is on the clipboard');
    const answer = await fetch(link);
    assert.equal(answer.status, 200);
    assert.ok((await answer.text()).includes(app.marker), 'the link answers a plain GET with the app');
    assert.match((await webviewQuery('#share-list')).text, /expires in 15 min/);
    assert.match((await webviewQuery('#share-note')).text, /Works for 15 min/);

    const file = await webviewElementScreenshot('#share-sheet', 'preview-share-qr');
    const png = PNG.sync.read(await readFile(file));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    assert.equal(decoded?.data, link, 'the QR code on screen decodes to the shared link');
    await screenshot('preview-phone-share');

    await webviewAct('#share-list button', 'click');
    await waitUntil('the share was revoked', () => source.revoked.includes(shared?.token ?? '-'));
    await eventually('the QR code is gone with its link', () => webviewQuery('#share-latest'), (latest) => latest.hidden);
    assert.equal((await webviewQuery('#share-empty')).hidden, false);
  });
});

async function noAppFrame(): Promise<void> {
  await waitUntil('the closed panel left the page', () => appFrame().then(() => false, () => true), 15_000);
}

/** The page mirrors its webview state in body[data-forge-state] (media/preview.ts saveState). */
async function stateOfPage(): Promise<string> {
  return (await webviewQuery('body[data-forge-state]', 'data-forge-state')).attribute ?? '';
}
