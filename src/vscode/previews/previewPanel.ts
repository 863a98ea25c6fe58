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
import { Disposable } from '../lifecycle/disposable';
import { parseWebviewMessage, type PanelMessage, type WebviewMessage } from './messages';
import { browserOpeningText, openLinkInBrowser } from './browserLink';
import { newNonce, previewPageHtml } from './previewHtml';
import { PanelShares } from './panelTools/panelShares';
import type { SharedResult } from './panelTools/shareCommand';
import { displayAddress, expiryText, frameSourceFor } from './signedAddress';
import { SignedUrlLease } from './signedUrlLease';
import { keepLinkFresh, renewOrReload } from './linkFreshness';
import type { PreviewSource, SignedPreviewUrl } from './types';
import { webviewOptions, webviewResources, type PanelHost } from './webviewResources';

/** What a panel tells the registry that owns it (panelRegistry.ts). */
export interface PanelOwner {
  opened(panel: PreviewPanel): void;
  /** The panel was closed, whoever closed it. */
  closed(panel: PreviewPanel): void;
  /** The sandbox is gone: the tab should say so and wait for a new preview of its folder. */
  deleted(panel: PreviewPanel): void;
}

export class PreviewPanel extends Disposable {
  static readonly viewType = 'forge.preview';

  static titleFor(source: PreviewSource): string {
    return `Preview: ${source.title}`;
  }

  private readonly lease: SignedUrlLease;
  /** The frame-src of the page as rendered now; a URL with another origin needs a new render. */
  private renderedFrameSource: string | undefined;
  private pageReady = false;
  private wasReady = false;
  /** Closed or deleted: no more posts, no more status. */
  private finished = false;
  private readonly shares: PanelShares;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly host: PanelHost,
    readonly source: PreviewSource,
    private readonly logger: Logger,
    private readonly owner: PanelOwner,
    /** Device and address history from the serialized state (the page validates them again). */
    private readonly restore?: RestoredView,
  ) {
    super();
    owner.opened(this);
    panel.title = PreviewPanel.titleFor(source);
    panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'forge.svg');
    panel.webview.options = webviewOptions(host);
    this.shares = new PanelShares(source, (message) => this.post(message), logger);
    this.lease = new SignedUrlLease(source, {
      onSwap: (signed) => this.showUrl(signed),
      onRefreshFailed: (error, failures) => this.onRefreshFailed(error, failures),
    }, logger);
    this._register(panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)));
    this._register(source.onDidChangeStatus(() => this.onStatusChanged()));
    this._register(panel.onDidDispose(() => this.onPanelClosed()));
    this._register(keepLinkFresh(this.lease, logger, vscode.window.onDidChangeWindowState));
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
  override dispose(): void {
    this.panel.dispose();
    this.onPanelClosed(); // in case the panel was already gone and fires no event
  }

  /** The panel is gone, whoever closed it: stop listening, revoke the token, tell the world. */
  private onPanelClosed(): void {
    if (this.finished) return;
    this.finished = true;
    super.dispose(); // the listeners
    void this.lease.dispose(); // revokes the shown token
    this.owner.closed(this);
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
    if (this.finished) return;
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
    this.finished = true;
    super.dispose();
    void this.lease.dispose();
    this.owner.deleted(this);
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
    if (this.pageReady && !this.finished) void this.panel.webview.postMessage(message);
  }
}

function showMessage(signed: SignedPreviewUrl): PanelMessage {
  return { type: 'show', url: signed.url, display: displayAddress(signed), expiresAt: signed.expiresAt };
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
