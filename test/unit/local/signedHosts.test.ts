// Signed preview URLs as Daytona v0.190's proxy treats them (apps/proxy/pkg/proxy/auth.go, warning_page.go): a host
// of its own per signed URL, the warning accepted per host, and an expired URL redirected (307) to a login page on
// another origin, which a panel's CSP then blocks. The backend's clock is injected, so a day passes at once.
import { strict as assert } from 'node:assert';
import type { Sandbox } from '@daytonaio/sdk';
import { startEchoServer, type EchoServer } from './echoServer';
import { startTestBackend, type TestBackend } from './helpers';

const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0', accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };
const DAY_S = 86_400;

async function get(url: string, headers: Record<string, string> = {}, init: RequestInit = {}): Promise<{ status: number; text: string; headers: Headers }> {
  // A revoked address cuts its open connections; retry once on a new one, as a browser does.
  const response = await fetch(url, { headers, redirect: 'manual', ...init }).catch(() => fetch(url, { headers, redirect: 'manual', ...init }));
  return { status: response.status, text: await response.text(), headers: response.headers };
}

function acceptUrl(signedUrl: string): string {
  const url = new URL(signedUrl);
  url.pathname = '/accept-daytona-preview-warning';
  url.searchParams.set('redirect', '/');
  return url.toString();
}

describe('local backend: signed preview URLs as on Daytona', () => {
  let t: TestBackend;
  let echo: EchoServer;
  let sandbox: Sandbox;
  let now = Date.now();

  beforeEach(async () => {
    now = Date.now();
    echo = await startEchoServer();
    t = await startTestBackend({ timing: { now: () => now } });
    t.toolbox.ports.set(3000, echo.port);
    sandbox = await t.daytona.create();
  });
  afterEach(async () => {
    await t.stop();
    await echo.close();
  });

  it('gives every signed URL a host of its own, and accepting the warning on one does not accept the next', async () => {
    const first = await sandbox.getSignedPreviewUrl(3000, DAY_S);
    const second = await sandbox.getSignedPreviewUrl(3000, DAY_S);
    assert.notEqual(new URL(first.url).host, new URL(second.url).host);

    assert.match((await get(first.url, BROWSER)).text, /Preview URL Warning/);
    const accepted = await get(acceptUrl(first.url), {}, { method: 'POST' });
    assert.equal(accepted.status, 302);
    const cookie = (accepted.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    assert.equal(cookie, 'daytona-preview-page-accepted=true');
    assert.doesNotMatch((await get(first.url, { ...BROWSER, cookie })).text, /Preview URL Warning/, 'accepted on its own host');
    // A browser sends the 127.0.0.1 cookie to every port; on Daytona the next host never receives it.
    assert.match((await get(second.url, { ...BROWSER, cookie })).text, /Preview URL Warning/, 'a new host asks again');
    assert.doesNotMatch((await get(second.url, { ...BROWSER, 'X-Daytona-Skip-Preview-Warning': 'true' })).text, /Preview URL Warning/);
  });

  it('a GET to the accept path is not an acceptance (Daytona takes POST only)', async () => {
    const signed = await sandbox.getSignedPreviewUrl(3000, DAY_S);
    await get(acceptUrl(signed.url), BROWSER);
    assert.match((await get(signed.url, BROWSER)).text, /Preview URL Warning/);
  });

  it('redirects an expired signed URL (307) to a login page on another origin, without the token', async () => {
    const signed = await sandbox.getSignedPreviewUrl(3000, DAY_S);
    assert.equal((await get(signed.url)).status, 200);
    now += DAY_S * 1000 - 1_000;
    assert.equal((await get(signed.url)).status, 200, 'still valid a second before expiry');
    now += 2_000;
    for (const headers of [BROWSER, {}]) {
      const expired = await get(signed.url, headers);
      assert.equal(expired.status, 307);
      const location = new URL(expired.headers.get('location') ?? 'about:blank', signed.url);
      assert.notEqual(location.origin, new URL(signed.url).origin, 'the login page is another origin (a frame-src CSP blocks it)');
      assert.ok(!location.href.includes(signed.token));
    }
  });
});
