// What the panel may say about a signed URL without leaking its token. On Daytona the token is a hostname label
// (`https://3000-<token>.proxy.daytona.works`); on the local backend the URL is `http://127.0.0.1:<port>/`
// and the port itself is the capability. Neither the toolbar text nor the page's CSP may carry the token.
import type { SignedPreviewUrl } from './types';

const MASK = '•••';

/** Tokens shorter than this are not masked by substring (an empty or 1-char "token" would match everywhere). */
const MIN_TOKEN_LENGTH = 4;

/**
 * The CSP `frame-src` source that allows exactly this preview's origin. When the token is part of the host name,
 * that label (and those left of it) become `*`, so the CSP stays token-free: `https://*.proxy.daytona.works`.
 */
export function frameSourceFor(signed: SignedPreviewUrl): string {
  const url = new URL(signed.url);
  const port = url.port === '' ? '' : `:${url.port}`;
  if (!containsToken(url.hostname, signed.token)) return `${url.protocol}//${url.hostname}${port}`;
  const labels = url.hostname.split('.');
  const last = labels.findLastIndex((label) => containsToken(label, signed.token));
  const rest = labels.slice(last + 1);
  // A token in the registrable domain itself cannot be wildcarded meaningfully: allow the scheme only.
  if (rest.length < 2) return url.protocol;
  return `${url.protocol}//*.${rest.join('.')}${port}`;
}

/** `127.0.0.1:41234` or `3000-•••.proxy.daytona.works/app`: host and path, token masked, no query or fragment. */
export function displayAddress(signed: SignedPreviewUrl): string {
  const url = new URL(signed.url);
  const path = url.pathname === '/' ? '' : url.pathname;
  return mask(`${url.host}${path}`, signed.token);
}

/** "expires in 58 min", "expires in 40 s", "expired". */
export function expiryText(expiresAt: number, now: number): string {
  const left = expiresAt - now;
  if (left <= 0) return 'expired';
  if (left < 60_000) return `expires in ${Math.ceil(left / 1000)} s`;
  if (left < 2 * 3_600_000) return `expires in ${Math.round(left / 60_000)} min`;
  return `expires in ${Math.round(left / 3_600_000)} h`;
}

function containsToken(text: string, token: string): boolean {
  return token.length >= MIN_TOKEN_LENGTH && text.toLowerCase().includes(token.toLowerCase());
}

function mask(text: string, token: string): string {
  if (token.length < MIN_TOKEN_LENGTH) return text;
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(escaped, 'gi'), MASK);
}
