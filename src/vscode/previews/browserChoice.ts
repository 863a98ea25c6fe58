// Which address "Open in Browser" opens. The host may map a loopback link elsewhere (`vscode.env.asExternalUri`):
// desktop VS Code over SSH forwards the port (a new root origin: fine), code-server maps it to a path under its
// own origin (`/proxy/41234/`), where the app's absolute paths (`/@vite/client`, `/src/main.jsx`) reach
// code-server instead and 404. Such a mapping is refused: the browser gets the link the panel's frame shows.
// No `vscode` here: unit-tested.

export type BrowserTarget =
  /** Open the host's mapping of the link (same path, its own origin). */
  | { readonly kind: 'external'; readonly url: string }
  /** Open the link itself; `url` is spelled so the host does not map it again (see `unmappedSpelling`). */
  | { readonly kind: 'signed'; readonly url: string };

export function chooseBrowserTarget(signed: string, external: string): BrowserTarget {
  const link = new URL(signed);
  const mapped = new URL(external);
  if (mapped.href === link.href) return { kind: 'signed', url: signed };
  if (mapped.pathname === link.pathname && mapped.search === link.search) return { kind: 'external', url: external };
  return { kind: 'signed', url: unmappedSpelling(signed) };
}

/**
 * The same address with an IPv4 loopback host written with a trailing dot (`127.0.0.1.`): a browser canonicalises
 * it back to `127.0.0.1` (WHATWG URL's IPv4 parser drops one trailing dot), so it is the same origin, but the
 * host's "is this localhost:port?" match (what triggers the mapping) no longer fires. `localhost.` would be
 * another origin, so a `localhost` link stays as it is.
 */
export function unmappedSpelling(url: string): string {
  const parsed = new URL(url);
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(parsed.hostname)) return url;
  return url.replace(`//${parsed.host}`, `//${parsed.hostname}.${parsed.port ? `:${parsed.port}` : ''}`);
}
