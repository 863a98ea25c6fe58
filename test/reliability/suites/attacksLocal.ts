// Attacks on the local backend's listeners (issue 13, findings 7–10): a web page, a DNS-rebinding page or another
// local user trying to run commands or open a preview. Each case makes the real request and expects nothing back.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { startLocalBackend } from '../../../src/local';
import { APP_MARKER, assertBlocked, onSignedPath, rawRequest, sandboxWithApp, withoutQuery, type AppSandbox } from '../kit/attack';
import type { Lane } from '../kit/lane';
import type { Case } from '../kit/runner';

const EVIL = { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' };
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'no-cors' };

function attack(name: string, run: (lane: Lane, app: AppSandbox) => Promise<void>): Case<Lane> {
  return {
    suite: 'attacks',
    name,
    run: async (lane) => {
      const app = await sandboxWithApp(lane);
      try {
        await run(lane, app);
      } finally {
        await app.dispose();
      }
    },
  };
}

const toolbox = (lane: Lane, id: string, sub: string): string => `${lane.backend.apiUrl.replace(/\/api$/, '')}/toolbox/${id}${sub}`;
const execBody = JSON.stringify({ command: `echo CMD-RAN-$((6*7))` });

export function localAttackCases(): Case<Lane>[] {
  return [
    attack('a web page runs a command with the preview token (query, text/plain, foreign Origin)', async (lane, { sandbox }) => {
      const { token } = await sandbox.getPreviewLink(3000);
      const answer = await rawRequest(`${toolbox(lane, sandbox.id, '/process/execute')}?DAYTONA_SANDBOX_AUTH_KEY=${token}`, { method: 'POST', headers: { ...EVIL, 'content-type': 'text/plain' }, body: execBody });
      assertBlocked(answer, 'CMD-RAN-42', 'toolbox with the preview token in the query');
    }),
    attack('a tool runs a command with the preview token in the header', async (lane, { sandbox }) => {
      const { token } = await sandbox.getPreviewLink(3000);
      const answer = await rawRequest(toolbox(lane, sandbox.id, '/process/execute'), { method: 'POST', headers: { 'x-daytona-preview-token': token, 'content-type': 'application/json' }, body: execBody });
      assertBlocked(answer, 'CMD-RAN-42', 'toolbox with the preview token header');
    }),
    attack('a text/plain body (what a page can send without preflight) is not parsed as a command', async (lane, { sandbox }) => {
      const answer = await rawRequest(toolbox(lane, sandbox.id, '/process/execute'), { method: 'POST', headers: { authorization: `Bearer ${lane.backend.apiKey}`, 'content-type': 'text/plain' }, body: execBody });
      assertBlocked(answer, 'CMD-RAN-42', 'text/plain execute body');
    }),
    attack('a web page that learned the key cannot drive the API (Origin / Sec-Fetch-Site)', async (lane) => {
      const answer = await rawRequest(`${lane.backend.apiUrl}/sandbox`, { headers: { ...EVIL, authorization: `Bearer ${lane.backend.apiKey}` } });
      assertBlocked(answer, '"id"', 'API from a web page');
    }),
    attack('DNS rebinding: the API under a foreign Host name', async (lane) => {
      const answer = await rawRequest(`${lane.backend.apiUrl}/sandbox`, { host: `rebind.evil.example:${new URL(lane.backend.apiUrl).port}`, headers: { authorization: `Bearer ${lane.backend.apiKey}` } });
      assertBlocked(answer, '"id"', 'API under a rebound Host');
    }),
    attack('DNS rebinding: a preview link under a foreign Host name, with same-origin headers', async (_lane, { sandbox }) => {
      const link = await sandbox.getPreviewLink(3000);
      const answer = await rawRequest(link.url, { host: `rebind.evil.example:${new URL(link.url).port}`, headers: { ...SAME_ORIGIN, 'x-daytona-preview-token': link.token } });
      assertBlocked(answer, APP_MARKER, 'preview link under a rebound Host');
    }),
    attack('DNS rebinding: a signed URL under a foreign Host name', async (_lane, { sandbox }) => {
      const signed = await sandbox.getSignedPreviewUrl(3000, 120);
      const answer = await rawRequest(signed.url, { host: `rebind.evil.example:${new URL(signed.url).port}`, headers: SAME_ORIGIN });
      assertBlocked(answer, APP_MARKER, 'signed URL under a rebound Host');
      assert.match((await rawRequest(signed.url)).body, new RegExp(APP_MARKER), 'the signed URL as printed still opens the app');
    }),
    attack('a signed URL\'s port alone (no token) opens nothing', async (_lane, { sandbox }) => {
      const signed = await sandbox.getSignedPreviewUrl(3000, 120);
      assertBlocked(await rawRequest(withoutQuery(signed.url)), APP_MARKER, 'signed listener without its token');
      assertBlocked(await rawRequest(onSignedPath(withoutQuery(signed.url), '/api/data')), APP_MARKER, 'signed listener deep path without its token');
    }),
    attack('one signed token does not open another signed URL', async (_lane, { sandbox }) => {
      const first = await sandbox.getSignedPreviewUrl(3000, 120);
      const second = await sandbox.getSignedPreviewUrl(3000, 120);
      const crossed = `${withoutQuery(second.url)}?DAYTONA_SANDBOX_AUTH_KEY=${first.token}`;
      assertBlocked(await rawRequest(crossed), APP_MARKER, 'first token on the second listener');
    }),
    attack('the preview token of port 3000 does not open port 5000', async (_lane, { sandbox }) => {
      const three = await sandbox.getPreviewLink(3000);
      const five = await sandbox.getPreviewLink(5000);
      assertBlocked(await rawRequest(five.url, { headers: { 'x-daytona-preview-token': three.token } }), APP_MARKER, "port 3000's token on port 5000 (header)");
      assertBlocked(await rawRequest(`${five.url}?DAYTONA_SANDBOX_AUTH_KEY=${three.token}`), APP_MARKER, "port 3000's token on port 5000 (query)");
      assert.match((await rawRequest(five.url, { headers: { 'x-daytona-preview-token': five.token } })).body, /ATTACK-SUITE-APP-BODY 5000/, "port 5000's own token works");
    }),
    attack('the auth cookie one port sets does not open another port (cookies ignore ports)', async (_lane, { sandbox }) => {
      const three = await sandbox.getPreviewLink(3000);
      const five = await sandbox.getPreviewLink(5000);
      const first = await fetch(`${three.url}?DAYTONA_SANDBOX_AUTH_KEY=${three.token}`, { redirect: 'manual' });
      await first.body?.cancel();
      const cookie = first.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').join('; ');
      assert.ok(cookie.includes('daytona-sandbox-auth-'), 'the query token sets an auth cookie');
      assertBlocked(await rawRequest(five.url, { headers: { cookie } }), APP_MARKER, "port 3000's cookie on port 5000");
    }),
    attack('a cross-site page embeds a signed listener without its token', async (_lane, { sandbox }) => {
      const signed = await sandbox.getSignedPreviewUrl(3000, 120);
      assertBlocked(await rawRequest(onSignedPath(withoutQuery(signed.url), '/main.js'), { headers: EVIL }), APP_MARKER, 'cross-site subresource');
      assertBlocked(await rawRequest(withoutQuery(signed.url), { headers: { 'sec-fetch-site': 'same-site', origin: 'http://127.0.0.1:1' } }), APP_MARKER, 'another sandbox\'s page (same site, other port)');
    }),
    attack('another local user forges same-origin headers on a signed listener', async (_lane, { sandbox }) => {
      const signed = await sandbox.getSignedPreviewUrl(3000, 120);
      const target = onSignedPath(withoutQuery(signed.url), '/asset.js');
      assert.match((await rawRequest(target, { headers: SAME_ORIGIN })).body, new RegExp(APP_MARKER), "this user's browser follow-up (same-origin) loads the page's assets");
      assert.equal(process.getuid?.(), 0, 'this attack switches to another uid (nobody) and needs root, as CI and the dev box run');
      // python3 (a CI package, readable by every user): one GET with the forged headers, body then status.
      const script = [
        'import http.client, sys',
        'u = sys.argv[1].split("/", 3)',
        'c = http.client.HTTPConnection(u[2])',
        'c.request("GET", "/" + u[3], headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://" + u[2]})',
        'r = c.getresponse()',
        'print(r.read().decode("utf-8", "replace"))',
        'print(r.status)',
      ].join('\n');
      const { stdout } = await promisify(execFile)('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '/usr/bin/python3', '-c', script, target], { cwd: '/' });
      const lines = stdout.trim().split('\n');
      assertBlocked({ status: Number(lines.at(-1)), body: lines.slice(0, -1).join('\n') }, APP_MARKER, 'another uid with forged same-origin headers');
    }),
    attack('sweep: no preview listener serves the app to a request without a credential', async (_lane, { sandbox }) => {
      const urls = [(await sandbox.getPreviewLink(3000)).url, (await sandbox.getPreviewLink(5000)).url, withoutQuery((await sandbox.getSignedPreviewUrl(3000, 120)).url), withoutQuery((await sandbox.getSignedPreviewUrl(5000, 120)).url)];
      for (const url of urls) {
        assertBlocked(await rawRequest(url), APP_MARKER, `${url} without a credential`);
        assertBlocked(await rawRequest(url, { headers: { upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-version': '13' } }), APP_MARKER, `${url} WebSocket without a credential`);
      }
    }),
    attack('the warning page\'s accept endpoint takes no request without a credential', async (_lane, { sandbox }) => {
      const signed = await sandbox.getSignedPreviewUrl(3000, 120);
      assertBlocked(await rawRequest(onSignedPath(withoutQuery(signed.url), '/accept-daytona-preview-warning'), { method: 'POST' }), APP_MARKER, 'accepting the warning without a credential');
    }),
    {
      suite: 'attacks',
      name: 'fault injection is off in a backend started without --faults',
      run: async (lane) => {
        const dataDir = await mkdtemp(path.join(tmpdir(), 'forge-attack-faults-'));
        const backend = await startLocalBackend({ dataDir });
        try {
          const rule = JSON.stringify({ path: '^/api/sandbox$', times: 'always', effect: { kind: 'respond', status: 200, body: [] } });
          const answer = await rawRequest(`${backend.apiUrl.replace(/\/api$/, '')}/_forge/faults`, { method: 'POST', headers: { authorization: `Bearer ${backend.apiKey}`, 'content-type': 'application/json' }, body: rule });
          assert.equal(answer.status, 404, `the fault endpoint answered ${answer.status}: ${answer.body}`);
          assert.throws(() => backend.faults.add({ path: '.', effect: { kind: 'reset' } }), /Fault injection is off/);
          assert.ok(lane.backend.faults.enabled, 'the test harness turns it on for its own lanes');
        } finally {
          await backend.close();
          await rm(dataDir, { recursive: true, force: true });
        }
      },
    },
  ];
}
