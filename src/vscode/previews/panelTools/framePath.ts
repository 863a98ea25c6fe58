// The address bar's rules: what a person may type (a path of the preview's own app, nothing else), how it is
// joined to the signed URL the frame holds, and the panel's history of such paths. Pure, shared by the webview
// script and the unit tests. Whatever is typed or restored is untrusted: it may only ever change the path,
// query and fragment of the preview's own origin, never the origin, never the scheme.

/** A URL base that cannot be a real origin; a typed path that changes it is trying to leave the preview. */
const PROBE = 'http://forge.invalid';
const MAX_PATH = 2048;

/** `/dashboard?x=1`, `about`, `#top` → a normalized path (`/about`); otherwise the reason it is refused. */
export function parseAddressInput(text: string): { readonly path: string } | { readonly error: string } {
  const input = text.trim();
  if (input === '') return { path: '/' };
  if (input.length > MAX_PATH) return { error: `That address is longer than ${MAX_PATH} characters.` };
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(input)) return { error: 'That address holds control characters.' };
  if (/^[a-z][a-z\d+.-]*:/i.test(input) || /^[/\\]{2}/.test(input)) {
    return { error: 'Type a path of this preview, e.g. /dashboard?x=1: other sites and schemes cannot open here.' };
  }
  const relative = input.startsWith('/') || input.startsWith('?') || input.startsWith('#') ? input : `/${input}`;
  let url: URL;
  try {
    url = new URL(relative, `${PROBE}/`);
  } catch {
    return { error: 'That is not a path, e.g. /dashboard?x=1.' };
  }
  if (url.origin !== PROBE) return { error: 'Type a path of this preview, e.g. /dashboard?x=1: other sites cannot open here.' };
  return { path: `${url.pathname}${url.search}${url.hash}` };
}

/**
 * The frame's URL for `path` under a signed URL: same origin, the signed URL's own path as a prefix, and its
 * query kept (the local backend's token is a query parameter; its value wins over one the path carries).
 */
export function frameUrlFor(signedUrl: string, path: string): string {
  const parsed = parseAddressInput(path);
  const base = new URL(signedUrl);
  const target = new URL('error' in parsed ? '/' : parsed.path, `${PROBE}/`);
  const url = new URL(base.href);
  url.pathname = `${base.pathname.replace(/\/+$/, '')}${target.pathname}`;
  const params = new URLSearchParams(target.search);
  for (const [key, value] of base.searchParams) params.set(key, value);
  const search = params.toString();
  url.search = search === '' ? '' : `?${search}`;
  url.hash = target.hash;
  return url.href;
}

/** The paths the address bar navigated to, with back and forward; capped so restored state stays small. */
export class FrameHistory {
  static readonly MAX = 50;
  private constructor(private entries: string[], private index: number) {}

  static start(path = '/'): FrameHistory {
    return new FrameHistory([path], 0);
  }

  /** From stored state; anything malformed (or a path that would not pass the address bar) starts over at `/`. */
  static restore(value: unknown): FrameHistory {
    if (typeof value !== 'object' || value === null) return FrameHistory.start();
    const { entries, index } = value as { entries?: unknown; index?: unknown };
    if (!Array.isArray(entries) || entries.length === 0 || entries.length > FrameHistory.MAX) return FrameHistory.start();
    const paths: string[] = [];
    for (const entry of entries) {
      const parsed = typeof entry === 'string' ? parseAddressInput(entry) : undefined;
      if (!parsed || 'error' in parsed || parsed.path !== entry) return FrameHistory.start();
      paths.push(parsed.path);
    }
    const at = typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < paths.length ? index : paths.length - 1;
    return new FrameHistory(paths, at);
  }

  get current(): string {
    return this.entries[this.index] ?? '/';
  }

  get canGoBack(): boolean {
    return this.index > 0;
  }

  get canGoForward(): boolean {
    return this.index < this.entries.length - 1;
  }

  /** A new navigation drops the forward entries, like a browser. */
  push(path: string): void {
    if (path === this.current) return;
    this.entries = [...this.entries.slice(0, this.index + 1), path].slice(-FrameHistory.MAX);
    this.index = this.entries.length - 1;
  }

  back(): string {
    if (this.canGoBack) this.index -= 1;
    return this.current;
  }

  forward(): string {
    if (this.canGoForward) this.index += 1;
    return this.current;
  }

  toState(): { readonly entries: readonly string[]; readonly index: number } {
    return { entries: [...this.entries], index: this.index };
  }
}
