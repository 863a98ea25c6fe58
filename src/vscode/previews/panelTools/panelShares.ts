// The panel's side of the share sheet: answers Share… / Revoke / Revoke all from the webview and tells the page
// which links are alive. Only opaque ids come from the page (shareMessages.ts); the URL goes to the page only as
// its QR code, and the list shows addresses with the token masked.
import type { Logger } from '../../../common/logger';
import type { PreviewSource } from '../types';
import { displayAddress } from '../signedAddress';
import type { SharesMessage } from './shareMessages';
import { canShare, sharePreview, type SharedResult } from './shareCommand';
import { existingShareLinks } from './shareLinks';

export class PanelShares {
  constructor(
    private readonly source: PreviewSource,
    private readonly post: (message: SharesMessage) => void,
    private readonly logger: Logger,
  ) {}

  async share(): Promise<void> {
    if (!canShare(this.source)) throw new Error('this preview cannot sign links of a chosen lifetime');
    const result = await sharePreview(this.source, this.logger);
    if (result) this.show(result);
  }

  async revoke(id: string): Promise<void> {
    await existingShareLinks(this.source.sandboxId)?.revoke(id);
    this.show();
  }

  async revokeAll(): Promise<void> {
    await existingShareLinks(this.source.sandboxId)?.revokeAll();
    this.show();
  }

  /** Sends the live links (and, after a share, the new one's QR code) to the page. */
  show(latest?: SharedResult): void {
    const links = (existingShareLinks(this.source.sandboxId)?.list() ?? []).map((e) => ({ id: e.id, display: displayAddress(e), expiresAt: e.expiresAt }));
    this.post({ type: 'shares', links, ...(latest ? { latest: { id: latest.entry.id, qr: latest.qr, note: latest.note } } : {}) });
  }
}
