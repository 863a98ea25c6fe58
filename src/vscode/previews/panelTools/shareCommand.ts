// "Forge: Share Preview…" and "Forge: Revoke Shared Preview Links…" (issue 19). Share asks for the lifetime (15 min,
// 1 h, 24 h or custom up to the backend's 24 h; never a silent default), signs a link of its own, copies it, and
// shows its QR code in the panel. The URL holds a token: it goes to the clipboard and the QR only, never a log.
import * as vscode from 'vscode';
import { ForgeError } from '../../../common/errors';
import type { Logger } from '../../../common/logger';
import type { PreviewRegistry, PreviewSource, SignedPreviewUrl } from '../types';
import { qrDataUrl } from '../../../core/qrCode';
import { LIFETIME_CHOICES, MAX_SHARE_SECONDS, lifetimeText, parseLifetime } from './shareLifetime';
import { existingShareLinks, shareLinksOf, type SharedLinkEntry } from './shareLinks';
import { expiryText } from '../signedAddress';

/** A preview that can sign links of a chosen lifetime (PreviewEntry; the panel's test source). */
export interface ShareableSource extends PreviewSource {
  signedUrlFor(seconds: number): Promise<SignedPreviewUrl>;
  /** The local backend's links open on this machine only. */
  readonly localOnly?: boolean;
}

export interface SharedResult {
  readonly entry: SharedLinkEntry;
  readonly qr: string;
  readonly note: string;
}

export function canShare(source: PreviewSource | undefined): source is ShareableSource {
  return typeof (source as Partial<ShareableSource> | undefined)?.signedUrlFor === 'function';
}

/** Which preview a command means: the sandbox passed (panel, tree), else the current folder's. */
export async function shareTarget(registry: PreviewRegistry, sandboxId?: unknown): Promise<ShareableSource> {
  const source = typeof sandboxId === 'string' ? await registry.sourceFor(sandboxId) : registry.current();
  if (!source) throw new ForgeError('sandbox-gone', 'No running Forge preview to share. Run Forge: Preview this repo first.');
  if (!canShare(source)) throw new ForgeError('internal', 'This preview cannot sign links of a chosen lifetime.');
  return source;
}

/** Asks for the lifetime; undefined when the person cancels. */
export async function pickLifetime(): Promise<number | undefined> {
  const custom = { label: 'Custom…', description: 'from 1 min up to 24 h, e.g. 2h or 45m', seconds: 0 };
  const items = [...LIFETIME_CHOICES.map((c) => ({ label: c.label, description: `expires ${clock(Date.now() + c.seconds * 1000)}`, seconds: c.seconds })), custom];
  const picked = await vscode.window.showQuickPick(items, { title: 'Forge: Share Preview', placeHolder: 'How long should the shared link work? Anyone with it can open the preview until then.' });
  if (!picked) return undefined;
  if (picked !== custom) return picked.seconds;
  const typed = await vscode.window.showInputBox({
    title: 'Forge: Share Preview — custom lifetime',
    prompt: `How long the link works (at most ${lifetimeText(MAX_SHARE_SECONDS)}), e.g. 30m, 2h, 1h30m, 1d.`,
    validateInput: (value) => {
      const parsed = parseLifetime(value);
      return 'error' in parsed ? parsed.error : undefined;
    },
  });
  if (typed === undefined) return undefined;
  const parsed = parseLifetime(typed);
  return 'error' in parsed ? undefined : parsed.seconds;
}

/** Signs, copies and draws the QR of a new shared link; undefined when cancelled. */
export async function sharePreview(source: ShareableSource, logger: Logger, seconds?: number): Promise<SharedResult | undefined> {
  const lifetime = seconds ?? (await pickLifetime());
  if (lifetime === undefined) return undefined;
  const entry = await shareLinksOf(source.sandboxId, source).create(lifetime);
  await vscode.env.clipboard.writeText(entry.url);
  const note = `Works for ${lifetimeText(entry.seconds)}, until ${clock(entry.expiresAt)}.${source.localOnly ? ' Local backend: the link opens on this machine only.' : ' Anyone with the link can open the preview.'}`;
  logger.info(`Shared a preview link of sandbox ${source.sandboxId} for ${lifetimeText(entry.seconds)} (until ${new Date(entry.expiresAt).toISOString()}).`);
  void vscode.window.showInformationMessage(`Shared link copied. ${note}`);
  return { entry, qr: await qrDataUrl(entry.url), note };
}

/** Lists a sandbox's shared links to revoke some or all. */
export async function revokeSharedLinks(source: PreviewSource, logger: Logger): Promise<number> {
  const links = existingShareLinks(source.sandboxId);
  const live = links?.list() ?? [];
  if (!links || live.length === 0) {
    void vscode.window.showInformationMessage('This preview has no shared links.');
    return 0;
  }
  const items = live.map((e) => ({ label: `Link for ${lifetimeText(e.seconds)}`, description: expiryText(e.expiresAt, Date.now()), detail: `until ${clock(e.expiresAt)}`, id: e.id }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Forge: Revoke Shared Preview Links', canPickMany: true, placeHolder: 'Pick the links to revoke (select all to revoke every one)' });
  if (!picked || picked.length === 0) return 0;
  for (const item of picked) await links.revoke(item.id);
  logger.info(`Revoked ${picked.length} shared preview link(s) of sandbox ${source.sandboxId}.`);
  void vscode.window.showInformationMessage(`Revoked ${picked.length} shared link(s).`);
  return picked.length;
}

function clock(epochMs: number): string {
  return new Date(epochMs).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });
}
