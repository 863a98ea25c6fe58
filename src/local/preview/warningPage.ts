// Daytona's preview warning interstitial (apps/proxy/pkg/proxy/warning_page.go): browsers see it before the app
// unless they send `X-Daytona-Skip-Preview-Warning: true` or carry the `daytona-preview-page-accepted=true`
// cookie, which `POST /accept-daytona-preview-warning` sets for that host only. Browsers send a 127.0.0.1 cookie
// to every port, so here the acceptance is kept per listener (one listener = one host) and the cookie alone never
// counts: accepting on one signed address does not accept the next one, as on Daytona.
import type { IncomingMessage } from 'node:http';
import { escapeHtml } from './pages';

export const SKIP_WARNING_HEADER = 'x-daytona-skip-preview-warning';
export const ACCEPTED_COOKIE = 'daytona-preview-page-accepted';
export const ACCEPT_PATH = '/accept-daytona-preview-warning';
export const ACCEPTED_COOKIE_MAX_AGE = 24 * 60 * 60;

/** A browser navigating to a page (not a fetch from a tool, not a WebSocket). */
export function isBrowserPageRequest(req: IncomingMessage): boolean {
  return (req.headers['user-agent'] ?? '').includes('Mozilla') && (req.headers.accept ?? '').includes('text/html');
}

/** The header that skips the page on every host (tools, API clients); the cookie is checked per host by the listener. */
export function skipsWarning(req: IncomingMessage): boolean {
  return req.headers[SKIP_WARNING_HEADER] === 'true';
}

/**
 * `POST` only, as Daytona's router (a GET there reaches the app). Daytona takes it before any authentication; here it
 * needs the address's credential, so a web page cannot accept the warning of someone else's preview.
 */
export function isAcceptRequest(req: IncomingMessage, url: URL): boolean {
  return req.method === 'POST' && url.pathname === ACCEPT_PATH;
}

/** Only same-origin paths, so the accept endpoint cannot be used as an open redirect. */
export function safeRedirect(target: string | null): string {
  return target !== null && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : '/';
}

/**
 * The interstitial. Its Continue button posts to the accept endpoint, which sets the cookie, remembers the
 * acceptance for this preview address (so it also works in iframes where cookies are not sent) and reloads
 * the original path.
 */
export function warningPageHtml(originalPath: string): string {
  const action = `${ACCEPT_PATH}?redirect=${encodeURIComponent(originalPath)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview URL Warning</title>
<style>
body{font-family:system-ui,sans-serif;background:#0a0a0a;color:#fff;margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center}
.card{background:#1a1a1a;border:1px solid #333;border-radius:12px;padding:2.5rem 2rem;max-width:36rem;text-align:center}
.text{color:#ccc;text-align:left;line-height:1.6;background:#0f0f0f;border:1px solid #2a2a2a;border-radius:8px;padding:1rem 1.25rem;margin:1.5rem 0}
button{background:#0066ff;color:#fff;border:0;border-radius:8px;padding:.8rem 2rem;font-size:1rem;font-weight:600;cursor:pointer}
</style>
</head>
<body>
<div class="card">
<h1>Preview URL Warning</h1>
<p>You are about to visit <strong>${escapeHtml(originalPath)}</strong>, served by a Forge local sandbox.</p>
<div class="text">
&bull; This app runs code from a repository on this machine.<br>
&bull; Only continue if you trust that code and whoever sent you the link.<br>
&bull; Be careful about entering passwords or other personal information.
</div>
<form action="${escapeHtml(action)}" method="POST"><button type="submit">I Understand, Continue</button></form>
</div>
</body>
</html>`;
}
