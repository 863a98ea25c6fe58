// The links a person shared on purpose for one sandbox (Share Preview…): each with the lifetime they chose, listed
// with its expiry, revocable one by one or all at once. Separate from the panel's own link and Copy Link's, so
// revoking a share never breaks the panel and a share never lives longer than asked. No `vscode`: unit-tested.
import { randomBytes } from 'node:crypto';
import type { SignedPreviewUrl } from '../types';
import { MAX_SHARE_SECONDS } from './shareLifetime';

export interface ShareSigner {
  /** A signed URL of its own, valid for `seconds` (the backend enforces it). */
  signedUrlFor(seconds: number): Promise<SignedPreviewUrl>;
  revoke(token: string): Promise<void>;
}

export interface SharedLinkEntry extends SignedPreviewUrl {
  /** Opaque, for the webview to name a link by: never the token. */
  readonly id: string;
  readonly seconds: number;
}

export class ShareLinks {
  private readonly entries: SharedLinkEntry[] = [];

  constructor(private readonly signer: ShareSigner, private readonly now: () => number = Date.now) {}

  async create(seconds: number): Promise<SharedLinkEntry> {
    if (!Number.isInteger(seconds) || seconds < 60 || seconds > MAX_SHARE_SECONDS) {
      throw new RangeError(`A shared link lives from 1 minute to 24 hours, not ${seconds} s.`);
    }
    const signed = await this.signer.signedUrlFor(seconds);
    // Never say a link lives longer than asked, whatever the signer reports.
    const entry = { ...signed, expiresAt: Math.min(signed.expiresAt, this.now() + seconds * 1000), id: randomBytes(8).toString('hex'), seconds };
    this.entries.push(entry);
    return entry;
  }

  /** The links still alive, oldest first (expired ones are dropped: the backend refuses them already). */
  list(): readonly SharedLinkEntry[] {
    const now = this.now();
    for (let i = this.entries.length - 1; i >= 0; i -= 1) if ((this.entries[i]?.expiresAt ?? 0) <= now) this.entries.splice(i, 1);
    return [...this.entries];
  }

  /** Revokes one link; false when there is no such (live) link. */
  async revoke(id: string): Promise<boolean> {
    const index = this.entries.findIndex((e) => e.id === id);
    const entry = this.entries[index];
    if (!entry) return false;
    this.entries.splice(index, 1);
    await this.signer.revoke(entry.token);
    return true;
  }

  /** Revokes every link; returns how many. */
  async revokeAll(): Promise<number> {
    const all = this.entries.splice(0);
    await Promise.all(all.map((e) => this.signer.revoke(e.token)));
    return all.length;
  }
}

const bySandbox = new Map<string, ShareLinks>();

/** The share list of a sandbox (one per window, in memory: see README Known limits). */
export function shareLinksOf(sandboxId: string, signer: ShareSigner): ShareLinks {
  let links = bySandbox.get(sandboxId);
  if (!links) {
    links = new ShareLinks(signer);
    bySandbox.set(sandboxId, links);
  }
  return links;
}

/** The share list if one exists (to list or revoke without creating one). */
export function existingShareLinks(sandboxId: string): ShareLinks | undefined {
  return bySandbox.get(sandboxId);
}
