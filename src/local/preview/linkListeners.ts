// Owns the preview listeners: one per (sandbox, port) for `getPreviewLink`, one per signed token for
// `getSignedPreviewUrl`, so each signed URL gets a host of its own, as Daytona's `{port}-{token}.{domain}` does.
// An expired or revoked token is a 307 to the login page (apps/proxy/pkg/proxy/auth.go: the token lookup fails,
// then `ctx.Redirect(http.StatusTemporaryRedirect, authUrl)`), for browsers and tools alike. A signed URL carries its token in the query (`http://127.0.0.1:P/?…=token`), so curl
// and fetch can open it as printed; the token works on its own listener only, and the page's own follow-up
// requests (assets, HMR) pass as same-origin requests of this user (see PreviewListener), with no cookie,
// so it also works inside a VS Code webview iframe.
import { randomBytes } from 'node:crypto';
import { checkSandboxAccess, PREVIEW_TOKEN_QUERY, presentedToken } from './access';
import { sameSecret } from '../secrets';
import { PreviewListener, type PreviewGate, type PreviewHost } from './previewListener';

/** How long an expired signed address keeps redirecting to the login page before its port is released. */
const DEFAULT_EXPIRED_GRACE_MS = 5 * 60_000;

interface SignedEntry {
  readonly token: string;
  readonly sandboxId: string;
  readonly port: number;
  readonly expiresAt: number;
  revoked: boolean;
  listener: PreviewListener;
  timer: NodeJS.Timeout;
}

export interface SignedPreview {
  readonly token: string;
  readonly url: string;
}

export class PreviewLinkListeners {
  private readonly links = new Map<string, Promise<PreviewListener>>();
  private readonly signed = new Map<string, SignedEntry>();

  constructor(private readonly host: PreviewHost, private readonly expiredGraceMs = DEFAULT_EXPIRED_GRACE_MS) {}

  /** The address of (sandbox, port), opened on first use and kept until the sandbox is deleted. */
  async previewUrl(sandboxId: string, port: number): Promise<string> {
    const key = `${sandboxId}:${port}`;
    let opening = this.links.get(key);
    if (opening === undefined) {
      const gate: PreviewGate = {
        sandboxId,
        port,
        check: (req, url, record) => checkSandboxAccess(req, url, record, port, this.host.apiKey),
      };
      opening = PreviewListener.open(gate, this.host);
      this.links.set(key, opening);
      opening.catch(() => this.links.delete(key));
    }
    return (await opening).url;
  }

  async signedUrl(sandboxId: string, port: number, expiresInSeconds: number): Promise<SignedPreview> {
    const token = newSignedToken();
    const expiresAt = this.host.now() + expiresInSeconds * 1000;
    const gate: PreviewGate = {
      sandboxId,
      port,
      check: (req, url) => {
        const entry = this.signed.get(token);
        if (entry === undefined || entry.revoked || this.host.now() >= entry.expiresAt) {
          return { ok: false, status: 307, message: 'This signed preview URL has expired or was revoked.', location: this.host.loginUrl() };
        }
        return sameSecret(presentedToken(req, url), token)
          ? { ok: true }
          : { ok: false, status: 401, message: 'This signed preview address needs its token: open the whole URL Forge printed, including ?DAYTONA_SANDBOX_AUTH_KEY=….' };
      },
    };
    const listener = await PreviewListener.open(gate, this.host);
    const timer = setTimeout(() => this.revoke(token), expiresInSeconds * 1000);
    timer.unref();
    this.signed.set(token, { token, sandboxId, port, expiresAt, revoked: false, listener, timer });
    return { token, url: `${listener.url}?${PREVIEW_TOKEN_QUERY}=${token}` };
  }

  /** Revokes a signed token of that sandbox and port; unknown or already expired tokens are ignored. */
  expireSigned(sandboxId: string, port: number, token: string): void {
    const entry = this.signed.get(token);
    if (entry !== undefined && entry.sandboxId === sandboxId && entry.port === port) {
      this.revoke(token);
    }
  }

  /** Closes every address of a deleted sandbox. */
  async closeSandbox(sandboxId: string): Promise<void> {
    const closing: Promise<void>[] = [];
    for (const [key, opening] of this.links) {
      if (key.startsWith(`${sandboxId}:`)) {
        this.links.delete(key);
        closing.push(opening.then((listener) => listener.close(), () => undefined));
      }
    }
    for (const entry of this.signed.values()) {
      if (entry.sandboxId === sandboxId) {
        closing.push(this.closeSigned(entry));
      }
    }
    await Promise.all(closing);
  }

  async close(): Promise<void> {
    const links = [...this.links.values()];
    this.links.clear();
    await Promise.all([
      ...links.map((opening) => opening.then((listener) => listener.close(), () => undefined)),
      ...[...this.signed.values()].map((entry) => this.closeSigned(entry)),
    ]);
  }

  /** Cuts open connections now; the port redirects to the login page for a grace period, then closes. */
  private revoke(token: string): void {
    const entry = this.signed.get(token);
    if (entry === undefined || entry.revoked) {
      return;
    }
    entry.revoked = true;
    entry.listener.disconnectAll();
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void this.closeSigned(entry), this.expiredGraceMs);
    entry.timer.unref();
  }

  private closeSigned(entry: SignedEntry): Promise<void> {
    clearTimeout(entry.timer);
    this.signed.delete(entry.token);
    return entry.listener.close();
  }
}

/** 16 characters, like Daytona's signed preview tokens. */
function newSignedToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(16)].map((byte) => alphabet[byte % alphabet.length]).join('');
}
