// One webview panel per sandbox: a toolbar (address, Reload, Open in Browser, Copy Link, Terminal, status) over an iframe
// showing the app through a signed URL. The page itself is static and token-free (previewHtml.ts); the signed
// URL reaches the frame by postMessage after the page says `ready`. The CSP's frame-src allows the preview's
// origin only, so when a refresh moves to another origin (the local backend gives each signed URL its own
// port) the page is rendered again with a new CSP and nonce.
//
// Daytona's warning page: Daytona's proxy shows browsers an interstitial unless the request carries
// `X-Daytona-Skip-Preview-Warning: true` or the `daytona-preview-page-accepted` cookie. An iframe cannot send
// headers, and in a webview the frame's cookies are third-party (often not stored, and a signed URL's host
// changes with every token anyway). So the frame may show the warning first: the user clicks through it, and
// the app loads in the same frame. The local backend shows the same page and remembers the click for that
// signed address. Forge never fetches the app on the frame's behalf to dodge it: that would need a proxy in
// the extension host, which breaks in remote windows and would serve untrusted code from a trusted origin.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import { CommandIds } from '../commands/ids';
import { parseWebviewMessage, type PanelMessage, type WebviewMessage } from './messages';
import { browserOpeningText, openLinkInBrowser } from './browserLink';
import { messagePageHtml, newNonce, previewPageHtml } from './previewHtml';
import { PanelShares } from './panelTools/panelShares';
import type { SharedResult } from './panelTools/shareCommand';
import { displayAddress, expiryText, frameSourceFor } from './signedAddress';
import { SignedUrlLease } from './signedUrlLease';
import { keepLinkFresh, renewOrReload } from './linkFreshness';
import type { PreviewSource, SignedPreviewUrl } from './types';
import { webviewOptions, webviewResources, type PanelHost } from './webviewResources';

export class PreviewPanel implements vscode.Disposable {
  static readonly viewType = 'forge.preview';
  private static readonly open = new Map<string, PreviewPanel>();
  private static readonly closeEmitter = new vscode.EventEmitter<string>();
  /** Fires with the sandbox id when a preview panel is closed (e.g. to apply `forge.onPreviewClose`). */
  static readonly onDidClose = PreviewPanel.closeEmitter.event;

  /** Tabs that say "This sandbox was deleted", by folder: a new preview of that folder takes the tab over. */
  private static readonly gone = new Map<string, vscode.WebviewPanel>();

  /** Reveals the panel of this sandbox, or takes over the deleted tab of its folder, or opens one. */
  static show(host: PanelHost, source: PreviewSource, column?: vscode.ViewColumn, logger: Logger = silentLogger): PreviewPanel {
    const existing = PreviewPanel.open.get(source.sandboxId);
    if (existing) {
      existing.panel.reveal(column);
      return existing;
    }
    const orphan = PreviewPanel.gone.get(source.folderKey);
    if (orphan) {
      PreviewPanel.gone.delete(source.folderKey);
      orphan.reveal(column);
      return new PreviewPanel(orphan, host, source, logger);
    }
    const panel = vscode.window.createWebviewPanel(PreviewPanel.viewType, titleFor(source), column ?? vscode.ViewColumn.Active, {
      ...webviewOptions(host),
      retainContextWhenHidden: true,
    });
    return new PreviewPanel(panel, host, source, logger);
  }

  /** Takes over a panel VS Code restored after a reload (see panelSerializer.ts). */
  static revive(panel: vscode.WebviewPanel, host: PanelHost, source: PreviewSource, logger: Logger = silentLogger, restore?: RestoredView): PreviewPanel {
    PreviewPanel.open.get(source.sandboxId)?.panel.dispose(); // one panel per sandbox, even after a restore
    return new PreviewPanel(panel, host, source, logger, restore);
  }

  /** Shows "This sandbox was deleted — Preview again" in `panel`, which a new preview of `folderKey` reuses. */
  static showDeleted(panel: vscode.WebviewPanel, host: PanelHost, folderKey: string | undefined, message = DELETED_MESSAGE): void {
    showGoneMessage(panel, host, message);
    if (folderKey === undefined) return;
    PreviewPanel.gone.get(folderKey)?.dispose(); // one tab per folder
    PreviewPanel.gone.set(folderKey, panel);
    panel.onDidDispose(() => {
      if (PreviewPanel.gone.get(folderKey) === panel) PreviewPanel.gone.delete(folderKey);
    });
  }

  /** The deleted tab of a folder, if one is open (tests). */
  static deletedPanelFor(folderKey: string): vscode.WebviewPanel | undefined {
    return PreviewPanel.gone.get(folderKey);
  }

  static panelFor(sandboxId: string): PreviewPanel | undefined {
    return PreviewPanel.open.get(sandboxId);
  }

  static all(): readonly PreviewPanel[] {
    return [...PreviewPanel.open.values()];
  }

  private readonly disposables: vscode.Disposable[] = [];
  private readonly lease: SignedUrlLease;
  /** The frame-src of the page as rendered now; a URL with another origin needs a new render. */
  private renderedFrameSource: string | undefined;
  private pageReady = false;
  private wasReady = false;
  private disposed = false;
  private readonly shares: PanelShares;

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly host: PanelHost,
    readonly source: PreviewSource,
    private readonly logger: Logger,
    /** Device and address history from the serialized state (the page validates them again). */
    private readonly restore?: RestoredView,
  ) {
    PreviewPanel.open.set(source.sandboxId, this);
    panel.title = titleFor(source);
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'forge.svg');
    panel.webview.options = webviewOptions(host);
    this.shares = new PanelShares(source, (message) => this.post(message), logger);
    this.lease = new SignedUrlLease(source, {
      onSwap: (signed) => this.showUrl(signed),
      onRefreshFailed: (error, failures) => this.onRefreshFailed(error, failures),
    }, logger);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)),
      source.onDidChangeStatus(() => this.onStatusChanged()),
      panel.onDidDispose(() => this.onPanelClosed()),
      keepLinkFresh(this.lease, logger, vscode.window.onDidChangeWindowState),
    );
    this.render(undefined);
    this.onStatusChanged();
  }

  /** Shows the shared links, with the QR code of the one just made (Share Preview… from the palette). */
  showShares(latest?: SharedResult): void {
    this.shares.show(latest);
  }

  /** Reloads the app in the frame (what the toolbar's Reload does). */
  reload(): void {
    this.post({ type: 'reload' });
  }

  /** Swaps in a new signed URL now and revokes the old one (normally done at 80% of a URL's life). */
  refreshSignedUrl(): Promise<void> {
    return this.lease.refresh();
  }

  /** The signed URL the frame shows now (tests; never log it). */
  get currentSignedUrl(): SignedPreviewUrl | undefined {
    return this.lease.current;
  }

  /** Handles one message from the webview; anything that is not a known message is dropped with a log line. */
  async receive(raw: unknown): Promise<void> {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.logger.warn(`Preview panel ${this.source.sandboxId}: ignored an unexpected message from the webview.`);
      return;
    }
    await this.handle(message).catch((error: unknown) => {
      this.logger.error(`Preview panel: ${message.type} failed: ${describe(error)}`);
      this.post({ type: 'notice', text: `${ACTION_NAMES[message.type] ?? message.type} failed: ${describe(error)}` });
    });
  }

  /** Revokes the shown signed URL and stops refreshing, leaving the panel open (extension shutdown). */
  releaseLink(): Promise<void> {
    return this.lease.dispose();
  }

  /** Closes the panel (which revokes its signed URL). */
  dispose(): void {
    this.panel.dispose();
    this.onPanelClosed(); // in case the panel was already gone and fires no event
  }

  /** The panel is gone, whoever closed it: stop listening, revoke the token, tell the world. */
  private onPanelClosed(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (PreviewPanel.open.get(this.source.sandboxId) === this) PreviewPanel.open.delete(this.source.sandboxId);
    for (const d of this.disposables.splice(0)) d.dispose();
    void this.lease.dispose(); // revokes the shown token
    PreviewPanel.closeEmitter.fire(this.source.sandboxId);
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.pageReady = true;
        this.post({ type: 'init', sandboxId: this.source.sandboxId, folderKey: this.source.folderKey, title: this.source.title, ...(this.restore ? { restore: this.restore } : {}) });
        this.postStatus();
        if (this.lease.current) this.post(showMessage(this.lease.current));
        return;
      case 'reloaded':
        this.logger.debug(`Preview panel ${this.source.sandboxId}: reloaded by the user.`);
        return;
      case 'openInBrowser': {
        // A link of its own, not the frame's: the frame's token is revoked on refresh and on close, which
        // would break the browser tab under the user.
        const link = await this.source.signedUrl();
        const opening = await openLinkInBrowser(link.url);
        this.post({ type: 'notice', text: browserOpeningText(opening, expiryText(link.expiresAt, Date.now())) });
        return;
      }
      case 'openTerminal':
        await vscode.commands.executeCommand(CommandIds.openTerminal, this.source.sandboxId);
        return;
      case 'startAndReload':
        // Starting a sandbox that had a preview restarts its dev server; the panel reloads once it answers.
        await vscode.commands.executeCommand(CommandIds.startSandbox, this.source.sandboxId);
        return;
      case 'copyLink': {
        const link = await this.source.signedUrl();
        await vscode.env.clipboard.writeText(link.url);
        this.post({ type: 'notice', text: `Link copied (${expiryText(link.expiresAt, Date.now())})` });
        return;
      }
      case 'renewLink':
        return renewOrReload(this.lease, () => this.reload());
      case 'share':
        return this.shares.share();
      case 'revokeShare':
        return this.shares.revoke(message.id);
      case 'revokeAllShares':
        return this.shares.revokeAll();
    }
  }

  private onStatusChanged(): void {
    if (this.disposed) return;
    const status = this.source.status();
    if (status.phase === 'deleted') {
      this.becomeDeleted();
      return;
    }
    this.postStatus();
    const ready = status.phase === 'ready';
    if (ready && !this.lease.current) {
      this.lease.refresh().catch(() => undefined); // reported through onRefreshFailed, retried by the lease
    } else if (ready && !this.wasReady) {
      this.reload(); // the dev server came back: the frame holds an error page
    }
    this.wasReady = ready;
  }

  /** The sandbox is gone: no live buttons, no frame; the tab waits for a new preview of its folder. */
  private becomeDeleted(): void {
    this.disposed = true;
    if (PreviewPanel.open.get(this.source.sandboxId) === this) PreviewPanel.open.delete(this.source.sandboxId);
    for (const d of this.disposables.splice(0)) d.dispose();
    void this.lease.dispose();
    PreviewPanel.showDeleted(this.panel, this.host, this.source.folderKey);
  }

  private showUrl(signed: SignedPreviewUrl): void {
    const frameSource = frameSourceFor(signed);
    if (frameSource !== this.renderedFrameSource) {
      this.render(frameSource); // the page posts `ready`, and the answer carries the URL
      return;
    }
    this.post(showMessage(signed));
  }

  private onRefreshFailed(error: unknown, failures: number): void {
    this.logger.warn(`Preview panel ${this.source.sandboxId}: could not get a preview link (attempt ${failures}): ${describe(error)}`);
    if (!this.lease.current) {
      this.post({ type: 'status', phase: 'failed', words: 'failed', message: `Could not get a preview link: ${describe(error)}. Retrying…`, sync: this.source.status().sync });
    }
  }

  private render(frameSource: string | undefined): void {
    this.pageReady = false;
    this.renderedFrameSource = frameSource;
    const { scriptUri, styleUri } = webviewResources(this.host, this.panel.webview);
    this.panel.webview.html = previewPageHtml({
      cspSource: this.panel.webview.cspSource,
      nonce: newNonce(),
      scriptUri: scriptUri.toString(),
      styleUri: styleUri.toString(),
      frameSource,
      title: this.panel.title,
    });
  }

  private postStatus(): void {
    const { phase, words, message, sync } = this.source.status();
    this.post({ type: 'status', phase, words, sync, ...(message === undefined ? {} : { message }) });
  }

  /** Messages sent before the page is ready are dropped: `ready` resends the whole state. */
  private post(message: PanelMessage): void {
    if (this.pageReady && !this.disposed) void this.panel.webview.postMessage(message);
  }
}

export const DELETED_MESSAGE = 'This sandbox was deleted.';

/**
 * The sandbox is gone (or could not be reached): a message and one "Preview again" link instead of a preview. No
 * script; the link is a command URI, and only `forge.preview` is allowed.
 */
export function showGoneMessage(panel: vscode.WebviewPanel, host: PanelHost, message: string): void {
  panel.webview.options = { ...webviewOptions(host), enableScripts: false, enableCommandUris: [CommandIds.preview] };
  panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'forge.svg');
  const { styleUri } = webviewResources(host, panel.webview);
  panel.webview.html = messagePageHtml({ cspSource: panel.webview.cspSource, styleUri: styleUri.toString(), title: panel.title, message, action: { label: 'Preview again', href: `command:${CommandIds.preview}` } });
}

function showMessage(signed: SignedPreviewUrl): PanelMessage {
  return { type: 'show', url: signed.url, display: displayAddress(signed), expiresAt: signed.expiresAt };
}

function titleFor(source: PreviewSource): string {
  return `Preview: ${source.title}`;
}

const ACTION_NAMES: Partial<Record<WebviewMessage['type'], string>> = { copyLink: 'Copy Link', openInBrowser: 'Open in Browser', openTerminal: 'Open Terminal', share: 'Share', revokeShare: 'Revoke', revokeAllShares: 'Revoke all', startAndReload: 'Start and reload', renewLink: 'Reload preview' };

/** What the serializer found of the page's device and address history (checked again by the page). */
export interface RestoredView {
  readonly device?: unknown;
  readonly history?: unknown;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const silentLogger: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
