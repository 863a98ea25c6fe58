// One signed link per preview for people: the panel's frame and toolbar, Copy Link and Open in Browser (panel and
// tree) all hand out the same link until 80% of its life is gone, so a person sees one address, and the local
// backend opens one listener per preview instead of one per click. No `vscode` here: unit-tested.
import type { SignedPreviewUrl } from './types';

/** Renew once less than this share of a link's life is left (the panel's lease refreshes at 80% too). */
const RENEW_AT_REMAINING = 0.2;

export class SharedLink {
  private current: { readonly link: SignedPreviewUrl; readonly issuedAt: number } | undefined;
  private signing: Promise<SignedPreviewUrl> | undefined;
  private readonly issued = new Set<string>();

  constructor(
    private readonly sign: () => Promise<SignedPreviewUrl>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The link people get now: the current one while it has life left, else a new one (one signing at a time). */
  get(): Promise<SignedPreviewUrl> {
    const current = this.current;
    if (current && current.link.expiresAt - this.now() > (current.link.expiresAt - current.issuedAt) * RENEW_AT_REMAINING) return Promise.resolve(current.link);
    this.signing ??= this.sign().then(
      (link) => {
        this.current = { link, issuedAt: this.now() };
        this.issued.add(link.token);
        this.signing = undefined;
        return link;
      },
      (error: unknown) => {
        this.signing = undefined;
        throw error;
      },
    );
    return this.signing;
  }

  /** Whether `token` is one this link handed out (a person may hold it: it expires on its own). */
  isShared(token: string): boolean {
    return this.issued.has(token);
  }

  /** Forgets every link (the preview moved to another sandbox, or is gone) and returns their tokens to revoke. */
  reset(): string[] {
    const tokens = [...this.issued];
    this.issued.clear();
    this.current = undefined;
    return tokens;
  }
}
