// Shared links (Share Preview…) and the address bar's URLs against the real local backend over the real SDK: a
// share answers a plain GET for the lifetime asked, stops answering when revoked (one, or all), and a path typed
// in the address bar reaches the app on the signed address with the token kept.
import { strict as assert } from 'node:assert';
import type { Sandbox } from '@daytonaio/sdk';
import { frameUrlFor } from '../../../src/vscode/previews/panelTools/framePath';
import { ShareLinks } from '../../../src/vscode/previews/panelTools/shareLinks';
import { startEchoServer, type EchoReply, type EchoServer } from './echoServer';
import { startTestBackend, type TestBackend } from './helpers';

async function status(url: string): Promise<number> {
  // A revoked address cuts its open connections; retry once on a new one, as a browser does.
  const response = await fetch(url, { redirect: 'manual' }).catch(() => fetch(url, { redirect: 'manual' }));
  await response.arrayBuffer();
  return response.status;
}

describe('shared preview links on the local backend', () => {
  let t: TestBackend;
  let echo: EchoServer;
  let sandbox: Sandbox;
  let links: ShareLinks;
  const asked: number[] = [];

  beforeEach(async () => {
    echo = await startEchoServer();
    t = await startTestBackend();
    t.toolbox.ports.set(3000, echo.port);
    sandbox = await t.daytona.create();
    asked.length = 0;
    links = new ShareLinks({
      signedUrlFor: async (seconds) => {
        asked.push(seconds);
        const signed = await sandbox.getSignedPreviewUrl(3000, seconds);
        return { url: signed.url, token: signed.token, expiresAt: Date.now() + seconds * 1000 };
      },
      revoke: (token) => sandbox.expireSignedPreviewUrl(3000, token),
    });
  });
  afterEach(async () => {
    await t.stop();
    await echo.close();
  });

  it('signs for the chosen lifetime, answers a plain GET, and stops answering after revoke', async () => {
    const before = Date.now();
    const quarter = await links.create(15 * 60);
    const day = await links.create(86_400);
    assert.deepEqual(asked, [900, 86_400], 'the backend was asked for exactly the chosen lifetimes');
    assert.ok(quarter.expiresAt >= before + 900_000 && quarter.expiresAt <= Date.now() + 900_000, 'expiry is the chosen 15 min');
    assert.equal(await status(quarter.url), 200);
    assert.equal(await status(day.url), 200);
    assert.deepEqual(links.list().map((l) => l.id), [quarter.id, day.id]);

    assert.equal(await links.revoke(quarter.id), true);
    assert.equal(await status(quarter.url), 307, 'a revoked share stops answering');
    assert.equal(await status(day.url), 200, 'the other share still answers');
    assert.equal(await links.revoke(quarter.id), false, 'revoking twice is a no-op');

    await links.create(3_600);
    assert.equal(await links.revokeAll(), 2);
    assert.equal(await status(day.url), 307);
    assert.deepEqual(links.list(), []);
  });

  it('never signs beyond the backend maximum or below a minute', async () => {
    for (const seconds of [86_401, 59, 0, -1, 1.5, Number.NaN]) await assert.rejects(links.create(seconds), RangeError, String(seconds));
    assert.deepEqual(asked, [], 'nothing was signed');
  });

  it('opens a path typed in the address bar on the signed address, token kept and stripped before the app', async () => {
    const signed = await sandbox.getSignedPreviewUrl(3000, 120);
    const response = await fetch(frameUrlFor(signed.url, '/about?x=1'));
    assert.equal(response.status, 200);
    const echoed = (await response.json()) as EchoReply;
    assert.equal(echoed.url, '/about?x=1');
  });
});
