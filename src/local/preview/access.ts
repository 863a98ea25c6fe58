// Who may open a private sandbox's preview (Daytona's proxy rules, apps/proxy/pkg/proxy/auth.go), and what
// the proxy removes before the request reaches the dev server: the preview token header and query parameter,
// its own auth cookies (all 127.0.0.1 ports share cookies, so sandbox A must never see B's) and the API key.
// Unlike Daytona's (one token opens every port, daytona#3032), a local preview token opens one
// (sandbox, port): it is derived from the sandbox's secret and the port, so port 3000's token fails on 5432.
import { createHmac } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { SandboxRecord } from '../store/sandboxRecord';
import { bearerToken, sameSecret } from '../secrets';

export const PREVIEW_TOKEN_HEADER = 'x-daytona-preview-token';
export const PREVIEW_TOKEN_QUERY = 'DAYTONA_SANDBOX_AUTH_KEY';
export const AUTH_COOKIE_PREFIX = 'daytona-sandbox-auth-';
/** Ports that stay private even on a public sandbox (terminal, toolbox, recording dashboard). */
const ALWAYS_PRIVATE_PORTS = new Set([22222, 2280, 33333]);

/** A refusal with a `location` is a redirect (an expired signed URL: 307 to the login page). */
export type Access = { readonly ok: true; readonly setCookie?: string } | { readonly ok: false; readonly status: number; readonly message: string; readonly location?: string };

/** The preview token of one (sandbox, port): what `getPreviewLink` hands out. */
export function portPreviewToken(record: SandboxRecord, port: number): string {
  return createHmac('sha256', record.authToken).update(`preview-port:${port}`).digest('base64url').slice(0, 32);
}

/** The token of this request: the preview header or the query parameter. */
export function presentedToken(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers[PREVIEW_TOKEN_HEADER];
  return typeof header === 'string' ? header : (url.searchParams.get(PREVIEW_TOKEN_QUERY) ?? undefined);
}

/** The access rule of a (sandbox, port) preview address. */
export function checkSandboxAccess(req: IncomingMessage, url: URL, record: SandboxRecord, port: number, apiKey: string): Access {
  if (record.public && !ALWAYS_PRIVATE_PORTS.has(port)) {
    return { ok: true };
  }
  if (sameSecret(bearerToken(req.headers.authorization), apiKey)) {
    return { ok: true };
  }
  const token = portPreviewToken(record, port);
  const cookieName = `${AUTH_COOKIE_PREFIX}${record.id}-${port}`;
  const header = req.headers[PREVIEW_TOKEN_HEADER];
  if (typeof header === 'string' && sameSecret(header, token)) {
    return { ok: true };
  }
  if (sameSecret(url.searchParams.get(PREVIEW_TOKEN_QUERY) ?? undefined, token)) {
    // Remember the token so the page's own assets and links (which lack the parameter) load too.
    return { ok: true, setCookie: stringifySetCookie(cookieName, token, { path: '/', httpOnly: true, sameSite: 'lax' }) };
  }
  const cookies = req.headers.cookie;
  if (cookies !== undefined && sameSecret(parseCookie(cookies)[cookieName], token)) {
    return { ok: true };
  }
  return {
    ok: false,
    status: 401,
    message: 'This preview is private. Open it with the preview token (X-Daytona-Preview-Token header or DAYTONA_SANDBOX_AUTH_KEY query parameter) or use a signed preview URL.',
  };
}

/** The request path without the token parameter. */
export function forwardedPath(url: URL): string {
  if (!url.searchParams.has(PREVIEW_TOKEN_QUERY)) {
    return `${url.pathname}${url.search}`;
  }
  const params = new URLSearchParams(url.search);
  params.delete(PREVIEW_TOKEN_QUERY);
  const search = params.toString();
  return `${url.pathname}${search === '' ? '' : `?${search}`}`;
}

// `expect` too: Node already answered any `100-continue` to the client.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'expect']);

/** Headers for the dev server, as `[name, value]` pairs in their original spelling and order. */
export function forwardedHeaderPairs(req: IncomingMessage, apiKey: string, keepUpgrade: boolean): [string, string][] {
  const pairs: [string, string][] = [];
  const raw = req.rawHeaders;
  for (let index = 0; index + 1 < raw.length; index += 2) {
    const name = raw[index] ?? '';
    const value = raw[index + 1] ?? '';
    const lower = name.toLowerCase();
    if (lower === PREVIEW_TOKEN_HEADER || (!keepUpgrade && HOP_BY_HOP.has(lower))) {
      continue;
    }
    if (lower === 'authorization' && sameSecret(bearerToken(value), apiKey)) {
      continue;
    }
    if (lower === 'cookie') {
      const kept = withoutAuthCookies(value);
      if (kept !== '') {
        pairs.push([name, kept]);
      }
      continue;
    }
    pairs.push([name, value]);
  }
  return pairs;
}

export function pairsToHeaders(pairs: readonly [string, string][]): OutgoingHttpHeaders {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    const lower = name.toLowerCase();
    const existing = headers[lower];
    if (existing === undefined) {
      headers[lower] = value;
    } else if (lower === 'cookie') {
      headers[lower] = `${String(existing)}; ${value}`;
    } else {
      headers[lower] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
  }
  return headers;
}

function withoutAuthCookies(header: string): string {
  return header
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '' && !part.startsWith(AUTH_COOKIE_PREFIX))
    .join('; ');
}
