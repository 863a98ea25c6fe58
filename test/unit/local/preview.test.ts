// The preview proxy: token rules, signed URLs, the warning page, WebSockets, streaming and 502s, with a
// plain echo server standing in for the sandbox's dev server.
import { strict as assert } from 'node:assert';
import { createServer as createHttpServer, request } from 'node:http';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Sandbox } from '@daytonaio/sdk';
import WebSocket from 'ws';
import { startEchoServer, type EchoReply, type EchoServer } from './echoServer';
import { eventually, startTestBackend, type TestBackend } from './helpers';

const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0', accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

/** A path on a signed address, keeping the token query the signed URL carries. */
function at(signedUrl: string, path: string): string {
  const url = new URL(signedUrl);
  const [pathname = '/', search] = path.split('?');
  url.pathname = pathname;
  if (search !== undefined) for (const [k, v] of new URLSearchParams(search)) url.searchParams.set(k, v);
  return url.toString();
}

async function get(url: string, headers: Record<string, string> = {}, init: RequestInit = {}): Promise<{ status: number; text: string; headers: Headers; echo: () => EchoReply }> {
  // The proxy cuts open connections when a signed URL is revoked; a pooled keep-alive socket it closed fails the
  // next request once, and a client (as browsers do) retries it on a new connection.
  const response = await fetch(url, { headers, redirect: 'manual', ...init }).catch(() => fetch(url, { headers, redirect: 'manual', ...init }));
  const text = await response.text();
  return { status: response.status, text, headers: response.headers, echo: () => JSON.parse(text) as EchoReply };
}

interface TestSocket {
  readonly socket: WebSocket;
  /** The next message, including ones that arrived before anyone asked. */
  next(): Promise<string>;
}

function openWebSocket(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    const queued: string[] = [];
    const waiting: ((message: string) => void)[] = [];
    socket.on('message', (data: Buffer) => {
      const message = data.toString('utf8');
      const waiter = waiting.shift();
      if (waiter === undefined) {
        queued.push(message);
      } else {
        waiter(message);
      }
    });
    const next = (): Promise<string> => {
      const message = queued.shift();
      return message === undefined ? new Promise((done) => waiting.push(done)) : Promise.resolve(message);
    };
    socket.once('open', () => resolve({ socket, next }));
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused with ${res.statusCode ?? 0}`)));
  });
}

async function freePortWithNothing(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe('local backend: preview proxy', () => {
  let t: TestBackend;
  let echo: EchoServer;
  let sandbox: Sandbox;

  beforeEach(async () => {
    echo = await startEchoServer();
    t = await startTestBackend();
    t.toolbox.ports.set(3000, echo.port);
    sandbox = await t.daytona.create();
  });
  afterEach(async () => {
    await t.stop();
    await echo.close();
  });

  it('refuses a private preview without a token and forwards with the header token, stripped', async () => {
    const { url, token } = await sandbox.getPreviewLink(3000);
    const refused = await get(url);
    assert.equal(refused.status, 401);
    assert.match(refused.text, /private/);
    assert.ok(!refused.text.includes(token));

    const page = await get(`${url}some/path?x=1`, { 'X-Daytona-Preview-Token': token });
    assert.equal(page.status, 200);
    const reply = page.echo();
    assert.equal(reply.url, '/some/path?x=1');
    assert.equal(reply.headers['x-daytona-preview-token'], undefined);
    assert.equal(page.headers.get('set-cookie'), 'app=1; Path=/');
  });

  it('accepts the query token, removes it, sets the auth cookie, and then accepts the cookie alone (stripped)', async () => {
    const { url, token } = await sandbox.getPreviewLink(3000);
    const page = await get(`${url}app?DAYTONA_SANDBOX_AUTH_KEY=${token}&keep=yes`);
    assert.equal(page.status, 200);
    assert.equal(page.echo().url, '/app?keep=yes');
    const cookies = page.headers.getSetCookie();
    const auth = cookies.find((c) => c.startsWith(`daytona-sandbox-auth-${sandbox.id}-3000=`));
    assert.ok(auth, `auth cookie in ${cookies.join(' | ')}`);
    assert.ok(cookies.includes('app=1; Path=/'));

    const withCookie = await get(`${url}asset.js`, { cookie: `${auth.split(';')[0] ?? ''}; theme=dark` });
    assert.equal(withCookie.status, 200);
    assert.equal(withCookie.echo().headers['cookie'], 'theme=dark');
    assert.equal((await get(`${url}asset.js`, { cookie: `daytona-sandbox-auth-${sandbox.id}-3000=wrong` })).status, 401);
  });

  it('accepts the API key as a bearer token without passing it on, and streams bodies both ways', async () => {
    const { url } = await sandbox.getPreviewLink(3000);
    const posted = await get(`${url}submit`, { authorization: `Bearer ${t.backend.apiKey}`, 'content-type': 'text/plain' }, { method: 'POST', body: 'payload' });
    assert.equal(posted.status, 200);
    assert.deepEqual([posted.echo().method, posted.echo().body, posted.echo().headers['authorization']], ['POST', 'payload', undefined]);

    const chunks: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const req = request(`${url}stream`, { headers: { authorization: `Bearer ${t.backend.apiKey}` } }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          chunks.push(chunk);
          if (chunks.join('') === 'first') {
            echo.releaseStream();
          }
        });
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
    await done;
    assert.equal(chunks.join(''), 'firstsecond');
  });

  it('opens public sandboxes without a token', async () => {
    const open = await t.daytona.create({ public: true });
    const { url } = await open.getPreviewLink(3000);
    assert.equal((await get(url)).status, 200);
  });

  it('serves a signed URL with no header, and refuses it after expire or expiry', async () => {
    const signed = await sandbox.getSignedPreviewUrl(3000, 60);
    const page = await get(at(signed.url, '/deep/link'));
    assert.equal(page.status, 200);
    assert.equal(page.echo().url, '/deep/link');
    const ws = await openWebSocket(at(signed.url, '/hmr').replace('http', 'ws'));
    assert.equal(await ws.next(), 'hello /hmr');
    const closed = new Promise((resolve) => ws.socket.once('close', resolve));

    await sandbox.expireSignedPreviewUrl(3000, signed.token);
    await closed;
    const refused = await get(signed.url);
    assert.equal(refused.status, 307);
    assert.ok(!refused.text.includes(signed.token) && !(refused.headers.get('location') ?? '').includes(signed.token));

    const short = await sandbox.getSignedPreviewUrl(3000, 1);
    assert.equal((await get(short.url)).status, 200);
    await eventually(async () => (await get(short.url)).status === 307, 'signed URL expiry', 5_000);
  });

  it('proxies WebSockets (HMR) with the token, and refuses them without', async () => {
    const { url, token } = await sandbox.getPreviewLink(3000);
    const wsUrl = `${url.replace('http', 'ws')}ws?x=1`;
    await assert.rejects(openWebSocket(wsUrl), /401/);
    const ws = await openWebSocket(wsUrl, { 'X-Daytona-Preview-Token': token });
    assert.equal(await ws.next(), 'hello /ws?x=1');
    ws.socket.send('ping');
    assert.equal(await ws.next(), 'ping');
    ws.socket.close();
    const viaQuery = await openWebSocket(`${url.replace('http', 'ws')}ws?DAYTONA_SANDBOX_AUTH_KEY=${token}`);
    assert.equal(await viaQuery.next(), 'hello /ws');
    viaQuery.socket.close();
  });

  it('shows the warning page to browsers until accepted on this address, and skips it with the header', async () => {
    const { url, token } = await sandbox.getPreviewLink(3000);
    const auth = { 'X-Daytona-Preview-Token': token };
    const warning = await get(`${url}page`, { ...BROWSER, ...auth });
    assert.equal(warning.status, 200);
    assert.match(warning.text, /Preview URL Warning/);
    assert.ok(!warning.text.includes(token));
    assert.equal((await get(`${url}page`, { ...BROWSER, ...auth, 'X-Daytona-Skip-Preview-Warning': 'true' })).echo().url, '/page');
    const otherHostsCookie = await get(`${url}page`, { ...BROWSER, ...auth, cookie: 'daytona-preview-page-accepted=true' });
    assert.match(otherHostsCookie.text, /Preview URL Warning/, 'a 127.0.0.1 cookie reaches every port: it does not accept this host');
    assert.equal((await get(`${url}page`, auth)).echo().url, '/page', 'tools (no browser user agent) never see it');

    const accepted = await get(`${url}accept-daytona-preview-warning?redirect=${encodeURIComponent('/page?a=1')}`, auth, { method: 'POST' });
    assert.equal(accepted.status, 302);
    assert.equal(accepted.headers.get('location'), '/page?a=1');
    assert.match(accepted.headers.get('set-cookie') ?? '', /^daytona-preview-page-accepted=true;/);
    assert.equal((await get(`${url}page`, { ...BROWSER, ...auth })).echo().url, '/page', 'this address remembers the acceptance');
    const offsite = await get(`${url}accept-daytona-preview-warning?redirect=${encodeURIComponent('https://evil.example/')}`, auth, { method: 'POST' });
    assert.equal(offsite.headers.get('location'), '/');
  });

  it('retries a GET once when the dev server dropped a kept-alive connection (e.g. it restarted)', async () => {
    // Each connection answers its first request only; a second request on the same socket kills it.
    const served = new WeakMap<object, number>();
    const flaky = createHttpServer((req, res) => {
      const count = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, count);
      if (count > 1) {
        req.socket.destroy();
        return;
      }
      res.end(`ok ${req.url ?? ''}`);
    });
    flaky.keepAliveTimeout = 60_000;
    await new Promise<void>((done) => flaky.listen(0, '127.0.0.1', done));
    try {
      t.toolbox.ports.set(6000, (flaky.address() as AddressInfo).port);
      const { url, token } = await sandbox.getPreviewLink(6000);
      const auth = { 'X-Daytona-Preview-Token': token };
      assert.equal((await get(`${url}one`, auth)).text, 'ok /one');
      const second = await get(`${url}two`, auth);
      assert.deepEqual([second.status, second.text], [200, 'ok /two']);
    } finally {
      flaky.closeAllConnections();
      await new Promise<void>((done) => flaky.close(() => done()));
    }
  });

  it('answers 502 when nothing listens, 503 when the sandbox is stopped, and closes on delete', async () => {
    const { url: unresolved, token } = await sandbox.getPreviewLink(4000);
    const nothing = await get(unresolved, { 'X-Daytona-Preview-Token': token, accept: 'text/html' });
    assert.equal(nothing.status, 502);
    assert.match(nothing.text, /Nothing is listening on port 4000/);

    t.toolbox.ports.set(5000, await freePortWithNothing());
    const { url: dead, token: deadToken } = await sandbox.getPreviewLink(5000);
    assert.equal((await get(dead, { 'X-Daytona-Preview-Token': token })).status, 401, "port 4000's token does not open port 5000");
    assert.equal((await get(dead, { 'X-Daytona-Preview-Token': deadToken })).status, 502);

    const { url } = await sandbox.getPreviewLink(3000);
    await sandbox.stop();
    const stopped = await get(url, { authorization: `Bearer ${t.backend.apiKey}` });
    assert.equal(stopped.status, 503);
    assert.match(stopped.text, /is stopped/);

    await sandbox.delete();
    await assert.rejects(fetch(url), /fetch failed/);
  });
});
