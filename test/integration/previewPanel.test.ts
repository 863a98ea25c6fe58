import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { unmappedSpelling } from '../../src/vscode/previews/browserChoice';
import type { Logger } from '../../src/common/logger';
import { GONE_MESSAGE, PreviewPanelSerializer } from '../../src/vscode/previews/panelSerializer';
import { PreviewPanelRegistry } from '../../src/vscode/previews/panelRegistry';
import { PreviewPanel } from '../../src/vscode/previews/previewPanel';
import { ForgeStatusBar } from '../../src/vscode/statusBar';
import { CommandIds } from '../../src/vscode/commands/ids';
import { FakePreviewSource, FakeRegistry, TestApp, waitUntil } from './previewPanelFakes';
import { automationAvailable, requireAutomation, screenshot, webviewText } from './support/automation';
import { forgeExtension } from './support/forge';

const logLines: string[] = [];
const log = (m: string | Error): void => void logLines.push(String(m));
const logger: Logger = { trace: log, debug: log, info: log, warn: log, error: log };

function host(): { extensionUri: vscode.Uri } {
  return { extensionUri: forgeExtension().extensionUri };
}

let ownPanels: PreviewPanelRegistry | undefined;
/** The tests' own panel registry (the extension's belongs to its activate()). */
function panels(): PreviewPanelRegistry {
  return (ownPanels ??= new PreviewPanelRegistry(host(), logger));
}

function cspOf(html: string): string {
  const match = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  assert.ok(match?.[1], 'the webview HTML has a CSP');
  return match[1].replace(/&#39;/g, "'");
}

/** The visible text of an element in any webview (the app's frame included), retried until it matches. */
async function waitForWebviewText(selector: string, expected: string | RegExp): Promise<string> {
  let last = '';
  try {
    await waitUntil(`${selector} shows ${String(expected)}`, async () => {
      last = await webviewText(selector).catch((error: unknown) => `(${error instanceof Error ? error.message : String(error)})`);
      return typeof expected === 'string' ? last.includes(expected) : expected.test(last);
    }, 30_000);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; last seen: ${JSON.stringify(last)}`, { cause: error });
  }
  return last;
}

describe('Preview panel', function () {
  this.timeout(90_000);
  let appA: TestApp;
  let appB: TestApp;
  let source: FakePreviewSource;
  let panel: PreviewPanel | undefined;

  before(async () => {
    appA = await TestApp.start(`Forge test app A ${Date.now().toString(36)}`);
    appB = await TestApp.start(`Forge test app B ${Date.now().toString(36)}`);
  });

  after(async () => {
    await Promise.all([appA.close(), appB.close()]);
  });

  beforeEach(() => {
    source = new FakePreviewSource('sbx-panel-test', 'acme/shop · main', [appA, appB]);
  });

  afterEach(() => {
    panel?.panel.dispose();
    panel = undefined;
    source.dispose();
  });

  it('opens one panel per sandbox with a nonce CSP, frame-src limited to the app, and no token in the HTML', async () => {
    panel = panels().show(source, vscode.ViewColumn.One);
    assert.equal(panels().show(source, vscode.ViewColumn.One), panel, 'a second show reveals the same panel');
    assert.equal(panel.panel.title, 'Preview: acme/shop · main');
    assert.equal(panel.panel.viewType, 'forge.preview');
    assert.equal(panel.panel.options.retainContextWhenHidden, true);

    const first = await waitForSigned(source, 1);
    await waitUntil('the frame requested the signed URL', () => appA.requestsFor(first.token) > 0);
    const html = panel.panel.webview.html;
    const csp = cspOf(html);
    assert.match(csp, /^default-src 'none';/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{16,}'/);
    assert.ok(csp.includes(`frame-src ${appA.origin};`), csp);
    assert.ok(!html.includes(first.token), 'the token is in the webview HTML');
    assert.ok(!html.includes(first.url), 'the signed URL is in the webview HTML');
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? '';
    assert.ok(html.includes(`nonce="${nonce}"`), 'the script carries the nonce of the CSP');
  });

  it('shows the app in the frame, the masked address and the status pill', async function () {
    requireAutomation(this);
    panel = panels().show(source, vscode.ViewColumn.One);
    await waitForWebviewText('#forge-test-marker', appA.marker);
    const address = await waitForWebviewText('#address', '127.0.0.1');
    const token = source.issued[0]?.token ?? '';
    assert.ok(!address.includes(token), `the toolbar shows the token: ${address}`);
    assert.ok(address.includes('•••'), address);
    await waitForWebviewText('#status', 'running · synced');
    // The DOM reads above are the check (app in the frame, masked address, status pill); the screenshot is an artifact.
    await screenshot('preview-panel');
  });

  it('reloads the frame', async () => {
    panel = panels().show(source, vscode.ViewColumn.One);
    const first = await waitForSigned(source, 1);
    await waitUntil('the frame loaded', () => appA.requestsFor(first.token) > 0);
    const before = appA.requestsFor(first.token);
    panel.reload();
    await waitUntil('the frame requested the page again', () => appA.requestsFor(first.token) > before);
  });

  it('swaps to a new signed URL on refresh (new origin, new CSP) and revokes the old one', async () => {
    panel = panels().show(source, vscode.ViewColumn.One);
    const first = await waitForSigned(source, 1);
    await waitUntil('the frame loaded app A', () => appA.requestsFor(first.token) > 0);
    await panel.refreshSignedUrl();
    const second = source.issued[1];
    assert.ok(second, 'a second signed URL was issued');
    assert.ok(second.url.startsWith(appB.origin));
    assert.deepEqual(source.revoked, [first.token]);
    await waitUntil('the frame loaded app B', () => appB.requestsFor(second.token) > 0);
    const html = panel.panel.webview.html;
    assert.ok(cspOf(html).includes(`frame-src ${appB.origin};`), 'the CSP follows the new origin');
    assert.ok(!html.includes(second.token) && !html.includes(first.token));
    if (automationAvailable()) await waitForWebviewText('#forge-test-marker', appB.marker);
  });

  it('covers the frame while the dev server is not ready and reloads when it is back', async function () {
    panel = panels().show(source, vscode.ViewColumn.One);
    const first = await waitForSigned(source, 1);
    await waitUntil('the frame loaded', () => appA.requestsFor(first.token) > 0);
    source.setStatus({ phase: 'stopped', message: 'Dev server exited (code 1)', sync: 'synced' });
    if (automationAvailable()) {
      await waitForWebviewText('#overlay-text', 'Dev server exited (code 1)');
      await screenshot('preview-panel-stopped');
    }
    const before = appA.requestsFor(first.token);
    source.setStatus({ phase: 'ready', sync: 'synced' });
    await waitUntil('the frame reloaded', () => appA.requestsFor(first.token) > before);
  });

  it('copies and opens fresh links of their own, and drops messages that are not in the union', async () => {
    panel = panels().show(source, vscode.ViewColumn.One);
    await waitForSigned(source, 1);
    await panel.receive({ type: 'copyLink' });
    const copied = await vscode.env.clipboard.readText();
    const link = source.issued[1];
    assert.ok(link, 'Copy Link asked for a new signed URL');
    assert.equal(copied, link.url);
    assert.notEqual(copied, panel.currentSignedUrl?.url, "the frame's URL (revoked on close) is not the one shared");

    const errorsBefore = logLines.filter((l) => l.includes('failed:')).length;
    await panel.receive({ type: 'openInBrowser' });
    assert.equal(source.issued.length, 3, 'Open in Browser asked for a link of its own too');
    assert.equal(logLines.filter((l) => l.includes('failed:')).length, errorsBefore, `openExternal failed: ${logLines.filter((l) => l.includes('failed:')).join(' | ')}`);
    // A workbench that shows no dialogs (this test host) cannot confirm the external link: the link is copied instead.
    const afterOpen = await vscode.env.clipboard.readText();
    const own = source.issued[2];
    assert.ok(own);
    if (afterOpen !== copied) assert.equal(afterOpen, unmappedSpelling(own.url), 'the link Open in Browser could not open is on the clipboard');

    const issued = source.issued.length;
    await panel.receive({ type: 'copyLink', url: 'https://evil.example/' });
    await panel.receive({ type: 'runCommand', command: CommandIds.deleteSandbox });
    await panel.receive('copyLink');
    assert.equal(source.issued.length, issued, 'malformed messages did nothing');
    assert.ok(logLines.some((l) => l.includes('ignored an unexpected message')));
  });

  it('revokes the shown token when the panel closes', async () => {
    const shown = panels().show(source, vscode.ViewColumn.One);
    const first = await waitForSigned(source, 1);
    await waitUntil('the lease holds the URL', () => shown.currentSignedUrl?.token === first.token);
    // Closed once it is on screen: closing a panel the workbench is still opening only makes the workbench log noise.
    await waitUntil('the frame loaded', () => appA.requestsFor(first.token) > 0);
    shown.panel.dispose();
    await waitUntil('the token was revoked', () => source.revoked.includes(first.token));
    assert.equal(panels().panelFor(source.sandboxId), undefined);
  });
});

describe('Preview panel serializer', function () {
  this.timeout(60_000);
  let app: TestApp;
  const opened: vscode.WebviewPanel[] = [];

  before(async () => {
    app = await TestApp.start(`Forge restored app ${Date.now().toString(36)}`);
  });

  after(async () => {
    for (const p of opened) p.dispose();
    await app.close();
  });

  function restoredPanel(title: string): vscode.WebviewPanel {
    const webviewPanel = vscode.window.createWebviewPanel(PreviewPanel.viewType, title, vscode.ViewColumn.One, { enableScripts: true });
    opened.push(webviewPanel);
    return webviewPanel;
  }

  it('says the sandbox is gone instead of raising an error', async function () {
    const registry = new FakeRegistry();
    const webviewPanel = restoredPanel('Preview: gone repo');
    await new PreviewPanelSerializer(panels(), registry, logger).deserializeWebviewPanel(webviewPanel, { sandboxId: 'sbx-gone' });
    const html = webviewPanel.webview.html;
    assert.ok(html.includes('This sandbox was deleted.'), html);
    assert.ok(html.includes('href="command:forge.preview">Preview again</a>'), 'one link: Preview again');
    assert.ok(!html.includes('<script'), 'the gone page runs no script');
    assert.ok(!/Open in Browser|Copy Link/.test(html), 'no live buttons');
    assert.equal(webviewPanel.webview.options.enableScripts, false);
    assert.deepEqual(webviewPanel.webview.options.enableCommandUris, ['forge.preview'], 'only Preview again may run');
    if (automationAvailable()) {
      await waitForWebviewText('#overlay-text', GONE_MESSAGE);
      await screenshot('preview-panel-gone');
    }
    registry.dispose();
  });

  it('treats a state without a valid sandbox id as gone', async () => {
    const webviewPanel = restoredPanel('Preview: junk state');
    await new PreviewPanelSerializer(panels(), new FakeRegistry(), logger).deserializeWebviewPanel(webviewPanel, { sandboxId: '../../etc' });
    assert.ok(webviewPanel.webview.html.includes('This sandbox was deleted.'));
  });

  it('lets a new preview of the same folder take over a restored deleted tab', async () => {
    const webviewPanel = restoredPanel('Preview: deleted before the reload');
    const fresh = new FakePreviewSource('sbx-fresh', 'fresh repo', [app]);
    await new PreviewPanelSerializer(panels(), new FakeRegistry(), logger).deserializeWebviewPanel(webviewPanel, { sandboxId: 'sbx-old', folderKey: fresh.folderKey });
    assert.equal(panels().deletedPanelFor(fresh.folderKey), webviewPanel);
    const panel = panels().show(fresh, vscode.ViewColumn.One);
    assert.equal(panel.panel, webviewPanel, 'the same tab, not a second one beside it');
    assert.equal(panels().deletedPanelFor(fresh.folderKey), undefined);
    await waitForSigned(fresh, 1);
    fresh.setStatus({ phase: 'deleted', sync: 'off' });
    assert.ok(panel.panel.webview.html.includes('This sandbox was deleted.'), 'a live panel turns into the deleted tab');
    assert.equal(panels().panelFor('sbx-fresh'), undefined);
    fresh.dispose();
  });

  it('revives the panel of a sandbox the registry still knows', async () => {
    const registry = new FakeRegistry();
    const source = new FakePreviewSource('sbx-restored', 'acme/restored · main', [app]);
    registry.setCurrent(source);
    const webviewPanel = restoredPanel('Preview: acme/restored · main');
    await new PreviewPanelSerializer(panels(), registry, logger).deserializeWebviewPanel(webviewPanel, { sandboxId: 'sbx-restored' });
    const revived = panels().panelFor('sbx-restored');
    assert.ok(revived, 'the serializer made a PreviewPanel of it');
    const first = await waitForSigned(source, 1);
    await waitUntil('the restored frame loaded the app', () => app.requestsFor(first.token) > 0);
    revived.panel.dispose();
    await waitUntil('closing the restored panel revoked its token', () => source.revoked.includes(first.token));
    source.dispose();
    registry.dispose();
  });
});

describe('Forge status bar', () => {
  it('follows the current preview: phase, sync, the click target, and hides without one', () => {
    const registry = new FakeRegistry();
    const source = new FakePreviewSource('sbx-status', 'acme/shop · main', []);
    const bar = new ForgeStatusBar(registry);
    try {
      assert.equal(bar.presentation.visible, false);
      source.setStatus({ phase: 'starting', message: 'Installing dependencies', sync: 'off' });
      registry.setCurrent(source);
      assert.equal(bar.presentation.text, '$(loading~spin) Forge: starting');
      assert.match(bar.presentation.tooltip, /sbx-status/);
      assert.match(bar.presentation.tooltip, /Installing dependencies/);
      source.setStatus({ phase: 'ready', sync: 'syncing' });
      assert.equal(bar.presentation.text, '$(globe) Forge: running  $(sync~spin) syncing');
      assert.equal(bar.presentation.command, CommandIds.openPreview);
      source.setStatus({ phase: 'ready', sync: 'out-of-sync' });
      assert.equal(bar.presentation.command, CommandIds.resync);
      registry.setCurrent(undefined);
      assert.equal(bar.presentation.visible, false);
      source.setStatus({ phase: 'failed', sync: 'off' });
      assert.equal(bar.presentation.visible, false, 'stays hidden when the old preview changes');
    } finally {
      bar.dispose();
      source.dispose();
      registry.dispose();
    }
  });
});

async function waitForSigned(source: FakePreviewSource, count: number): Promise<NonNullable<FakePreviewSource['issued'][number]>> {
  await waitUntil(`${count} signed URL(s) were issued`, () => source.issued.length >= count);
  const signed = source.issued[count - 1];
  assert.ok(signed);
  return signed;
}
