// An expired signed link in the real panel, against the twin: Daytona (apps/proxy/pkg/proxy/auth.go) answers an
// expired or revoked signed URL with a 307 to its login page on another origin, which the panel's frame-src
// refuses. The panel must say "Reload preview" then, not show a blank frame, and the button brings the app back.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Daytona, type Sandbox } from '@daytonaio/sdk';
import * as vscode from 'vscode';
import type { Logger } from '../../src/common/logger';
import { startLocalBackend, type LocalBackend } from '../../src/local';
import type { LocalSandbox, Toolbox, ToolboxOptions } from '../../src/local/contracts';
import { createToolbox } from '../../src/local/toolbox/index';
import type { PreviewPanel } from '../../src/vscode/previews/previewPanel';
import { PreviewPanelRegistry } from '../../src/vscode/previews/panelRegistry';
import type { SignedPreviewUrl } from '../../src/vscode/previews/types';
import { FakePreviewSource, TestApp, waitUntil } from './previewPanelFakes';
import { requireAutomation, screenshot, webviewText } from './support/automation';
import { webviewAct, webviewQuery } from './support/webviewActions';
import { forgeExtension } from './support/forge';

const logger: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** The real toolbox, with sandbox port 3000 sent to the test app. */
function toolboxTo(app: TestApp): (options: ToolboxOptions) => Toolbox {
  const port = Number(new URL(app.origin).port);
  return (options) => {
    const real = createToolbox(options);
    return {
      handle: (req, res, sandbox, subPath, url) => real.handle(req, res, sandbox, subPath, url),
      handleUpgrade: (req, socket, head, sandbox, subPath, url) => real.handleUpgrade(req, socket, head, sandbox, subPath, url),
      stopAll: (id) => real.stopAll(id),
      resolvePort: (sandbox: LocalSandbox, p: number) => (p === 3000 ? Promise.resolve({ host: '127.0.0.1' as const, port }) : real.resolvePort(sandbox, p)),
      dispose: () => real.dispose(),
    };
  };
}

/** Signed URLs from the twin, living `seconds`. */
class TwinSource extends FakePreviewSource {
  /** While set, asking for a link fails (the network is not back yet after a wake). */
  failing = false;
  constructor(private readonly sandbox: Sandbox, private readonly seconds: () => number) {
    super(sandbox.id, 'acme/expiry · main', []);
  }
  override async signedUrl(): Promise<SignedPreviewUrl> {
    if (this.failing) throw new Error('getaddrinfo EAI_AGAIN app.daytona.io');
    const signed = await this.sandbox.getSignedPreviewUrl(3000, this.seconds());
    const url = { url: signed.url, token: signed.token, expiresAt: Date.now() + this.seconds() * 1000 };
    this.issued.push(url);
    return url;
  }
  override async revoke(token: string): Promise<void> {
    this.revoked.push(token);
    await this.sandbox.expireSignedPreviewUrl(3000, token);
  }
}

describe('Preview panel: an expired signed link (twin)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let backend: LocalBackend;
  let dataDir: string;
  let sandbox: Sandbox;
  let panel: PreviewPanel | undefined;

  before(async function () {
    requireAutomation(this);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors'); // one webview with these ids
    app = await TestApp.start(`Forge expiry app ${Date.now().toString(36)}`);
    dataDir = await mkdtemp(join(tmpdir(), 'forge-expiry-'));
    backend = await startLocalBackend({ isolate: false, dataDir, toolboxFactory: toolboxTo(app) });
    sandbox = await new Daytona({ apiKey: backend.apiKey, apiUrl: backend.apiUrl }).create();
  });

  after(async () => {
    panel?.dispose();
    await backend?.close();
    await app?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** Waits until the "Reload preview" page shows and says `expected`. */
  async function expiredPage(expected: RegExp): Promise<void> {
    let last = '';
    // The page is rendered again when the link moves to another origin: a query may meet a detached frame.
    await waitUntil(`the "Reload preview" page saying ${String(expected)}`, async () => {
      if ((await webviewQuery('#expired').catch(() => ({ hidden: true }))).hidden) return false;
      last = await webviewText('#expired-text').catch(() => '');
      return expected.test(last);
    }, 20_000);
  }

  async function accept(signed: SignedPreviewUrl): Promise<void> {
    const url = new URL(signed.url);
    url.pathname = '/accept-daytona-preview-warning';
    await (await fetch(url, { method: 'POST', redirect: 'manual' })).arrayBuffer();
  }

  it('says "Reload preview" when the twin redirects the frame to its login page, and the button brings the app back', async () => {
    let seconds = 3_600;
    const source = new TwinSource(sandbox, () => seconds);
    // The test's own panel registry (the extension's belongs to its activate()).
    panel = new PreviewPanelRegistry({ extensionUri: forgeExtension().extensionUri }, logger).show(source, vscode.ViewColumn.One);
    await waitUntil('a signed URL', () => source.issued.length === 1);
    const first = source.issued[0];
    assert.ok(first);
    await accept(first); // the warning page is the twin's other test; here the app must load
    panel.reload();
    await waitUntil('the app in the frame', async () => (await webviewText('#forge-test-marker').catch(() => '')).includes(app.marker), 30_000);
    assert.equal((await webviewQuery('#expired')).hidden, true);

    // Revoked on the server while the panel still holds it: the next load is the 307 to another origin.
    await sandbox.expireSignedPreviewUrl(3000, first.token);
    panel.reload();
    await expiredPage(/outside its address/); // the CSP refused the redirect to the login page
    assert.match(await webviewText('#reload-preview'), /Reload preview/);
    await screenshot('preview-expired-link');

    // A 2 s link the lease cannot replace (offline): the page's own expiry watch covers the frame when it ends.
    seconds = 2;
    await panel.refreshSignedUrl();
    seconds = 3_600;
    source.failing = true;
    await expiredPage(/link expired, so/);
    await screenshot('preview-expired-link-offline');
    source.failing = false;
    // The lease may retry first; either way the page leaves "Reload preview" for a fresh link.
    await webviewAct('#reload-preview', 'click').catch(() => undefined);
    await waitUntil('a new link', () => source.issued.length === 3, 30_000);
    const third = source.issued[2];
    assert.ok(third);
    assert.notEqual(new URL(third.url).host, new URL(first.url).host, 'a fresh host');
    await accept(third);
    panel.reload();
    await waitUntil('the app back in the frame', async () => (await webviewQuery('#expired').catch(() => ({ hidden: false }))).hidden && (await webviewText('#forge-test-marker').catch(() => '')).includes(app.marker), 30_000);
    await screenshot('preview-expired-link-reloaded');
  });
});
