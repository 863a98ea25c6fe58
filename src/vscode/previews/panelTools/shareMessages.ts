// The share sheet's messages (issue 19), kept apart from messages.ts so the panel's core union stays small.
// Webview → extension messages carry at most an opaque share id: never a URL, a token or a command, so a page
// that got hold of the webview's script context still could not make the extension sign or open anything else.

/** One shared link as the sheet lists it: the token masked, an opaque id to revoke it by. */
export interface SharedLinkRow {
  readonly id: string;
  readonly display: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** Extension → webview: the sandbox's shared links; `latest` (just made) carries its QR code as a PNG data URL. */
export interface SharesMessage {
  readonly type: 'shares';
  readonly links: readonly SharedLinkRow[];
  readonly latest?: { readonly id: string; readonly qr: string; readonly note: string };
}

/** Webview → extension. */
export type ShareRequest = { readonly type: 'share' } | { readonly type: 'revokeShare'; readonly id: string } | { readonly type: 'revokeAllShares' };

const SHARE_ID = /^[a-z0-9]{8,32}$/;
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;

/** The request if `value` is exactly one of `ShareRequest`, else undefined (extra keys refused). */
export function parseShareRequest(value: Record<string, unknown>, keys: readonly string[]): ShareRequest | undefined {
  if (!keys.includes('type')) return undefined; // own keys only: nothing read through the prototype
  const type = value['type'];
  if ((type === 'share' || type === 'revokeAllShares') && keys.length === 1) return { type };
  if (type === 'revokeShare' && keys.length === 2 && keys.includes('id') && typeof value['id'] === 'string' && SHARE_ID.test(value['id'])) return { type, id: value['id'] };
  return undefined;
}

export function isShareId(value: string): boolean {
  return SHARE_ID.test(value);
}

/** The webview's check of a `shares` message: rows field by field, the QR only as a PNG data URL. */
export function parseSharesMessage(m: Record<string, unknown>): SharesMessage | undefined {
  const links = m['links'];
  if (!Array.isArray(links) || !links.every(isRow)) return undefined;
  const latest = m['latest'] as Record<string, unknown> | undefined;
  if (latest !== undefined) {
    if (typeof latest !== 'object' || latest === null) return undefined;
    const { id, qr, note } = latest;
    if (typeof id !== 'string' || !SHARE_ID.test(id) || typeof qr !== 'string' || !PNG_DATA_URL.test(qr) || typeof note !== 'string') return undefined;
  }
  return m as unknown as SharesMessage;
}

function isRow(value: unknown): value is SharedLinkRow {
  if (typeof value !== 'object' || value === null) return false;
  const row = value as Record<string, unknown>;
  return typeof row['id'] === 'string' && SHARE_ID.test(row['id']) && typeof row['display'] === 'string' && typeof row['expiresAt'] === 'number';
}
