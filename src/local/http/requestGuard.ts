// Checks every local listener makes before anything else: the request names this listener as its Host
// (a DNS-rebinding page sends its own name), and, for the API and the toolbox, it does not come from a
// browser page (browsers always send Origin or Sec-Fetch-Site; the SDK and curl send neither).
import type { IncomingMessage } from 'node:http';

/** The origins this listener answers to: `http://127.0.0.1:<port>` and `http://localhost:<port>`. */
export function ownOrigins(port: number): readonly string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

export function hasOwnHost(req: IncomingMessage, port: number): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function wrongHostMessage(req: IncomingMessage, port: number): string {
  return `Host "${(req.headers.host ?? '').slice(0, 100)}" is not this server: use http://127.0.0.1:${port}/ (requests under other names are refused, which stops DNS rebinding).`;
}

/** A request a web page made (fetch, form, iframe), as opposed to the SDK, curl or Node's fetch. */
export function fromBrowserPage(req: IncomingMessage): boolean {
  return req.headers.origin !== undefined || req.headers['sec-fetch-site'] !== undefined;
}

/** The browser says the request comes from a page of this very origin (web pages cannot forge these headers). */
export function sameOriginBrowserRequest(req: IncomingMessage, port: number): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  const origin = req.headers.origin;
  return origin !== undefined && ownOrigins(port).includes(origin.toLowerCase());
}

/** `application/json` or `application/…+json`: a web page cannot send these cross-origin without a preflight. */
export function isJsonContentType(header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}
