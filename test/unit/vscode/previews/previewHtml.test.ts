import * as assert from 'node:assert/strict';
import { messagePageHtml, newNonce, previewCsp, previewPageHtml } from '../../../../src/vscode/previews/previewHtml';
import { frameSourceFor } from '../../../../src/vscode/previews/signedAddress';
import type { SignedPreviewUrl } from '../../../../src/vscode/previews/types';

const TOKEN = 'k3q9zt2m8xw4v7pa';
const daytona: SignedPreviewUrl = { url: `https://3000-${TOKEN}.proxy.daytona.works/`, token: TOKEN, expiresAt: 0 };
const local: SignedPreviewUrl = { url: 'http://127.0.0.1:41234/', token: TOKEN, expiresAt: 0 };
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function page(signed: SignedPreviewUrl, nonce = newNonce()): string {
  return previewPageHtml({
    cspSource: CSP_SOURCE,
    nonce,
    scriptUri: `${CSP_SOURCE}/ext/dist/webview/preview.js`,
    styleUri: `${CSP_SOURCE}/ext/media/preview.css`,
    frameSource: frameSourceFor(signed),
    title: 'Preview: acme/shop · main',
  });
}

function cspOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match?.[1], 'the page has a CSP meta tag');
  return match[1].replace(/&#39;/g, "'");
}

describe('preview page HTML', () => {
  it("has a CSP that starts from default-src 'none' and allows only the nonce'd script", () => {
    const nonce = newNonce();
    const html = page(local, nonce);
    const csp = cspOf(html);
    assert.match(csp, /^default-src 'none';/);
    assert.ok(csp.includes(`script-src 'nonce-${nonce}'`), csp);
    assert.ok(csp.includes(`style-src ${CSP_SOURCE}`), csp);
    assert.ok(csp.includes(`img-src ${CSP_SOURCE} data:`), csp);
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), csp);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0]?.includes(`nonce="${nonce}"`) && scripts[0].includes('src="'), 'the one script is external and carries the nonce');
    assert.doesNotMatch(html, /<script\b[^>]*>[^<]+<\/script>/, 'no inline script body');
  });

  it('uses a fresh nonce per render', () => {
    const nonces = new Set(Array.from({ length: 20 }, () => newNonce()));
    assert.equal(nonces.size, 20);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9+/]{24}$/);
  });

  it('limits frame-src to the preview origin (local backend: host and port)', () => {
    const csp = cspOf(page(local));
    assert.ok(csp.includes('frame-src http://127.0.0.1:41234;'), csp);
  });

  it('keeps the token out of the page even when it is part of the preview host (Daytona)', () => {
    const html = page(daytona);
    assert.ok(!html.toLowerCase().includes(TOKEN), 'token in the HTML');
    assert.ok(cspOf(html).includes('frame-src https://*.proxy.daytona.works;'));
    assert.ok(!html.includes(daytona.url), 'the signed URL is sent by postMessage, never written into the page');
  });

  it("allows no frame at all before a URL is known", () => {
    assert.ok(previewCsp({ cspSource: CSP_SOURCE, nonce: 'n', frameSource: undefined }).includes("frame-src 'none'"));
  });

  it('escapes the title', () => {
    const html = previewPageHtml({ cspSource: CSP_SOURCE, nonce: 'n', scriptUri: 's', styleUri: 'c', frameSource: undefined, title: '<img src=x onerror=alert(1)>"' });
    assert.ok(!html.includes('<img src=x'));
    assert.ok(html.includes('&#60;img src=x onerror=alert(1)&#62;&#34;'));
  });

  it('renders the "gone" page as text with no script at all', () => {
    const html = messagePageHtml({ cspSource: CSP_SOURCE, styleUri: 'c', title: 't', message: "This preview's sandbox no longer exists. <b>" });
    assert.ok(!html.includes('<script'));
    assert.match(cspOf(html), /^default-src 'none'; style-src /);
    assert.ok(html.includes('This preview&#39;s sandbox no longer exists. &#60;b&#62;'));
  });
});
