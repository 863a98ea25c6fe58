// Faithful twin, point 10 (d): Forge's log WebSocket used to stay silent for as long as the dev server printed
// nothing, and proxies drop idle connections. It now pings (every 30 s; injected here) and treats a ping left
// unanswered at the next one as a dead connection. The twin answers pongs as Daytona's daemon does (ws / gorilla).
import { strict as assert } from 'node:assert';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { logSocketTarget, streamLogSocket } from '../../../../src/core/logs/logSocket';
import { eventually, startTestBackend, type TestBackend } from '../helpers';

describe('Twin: the log socket pings', function () {
  this.timeout(30_000);
  let t: TestBackend | undefined;
  let server: WebSocketServer | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
    server?.clients.forEach((c) => c.terminate());
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
    server = undefined;
  });

  it('pings at the injected interval and closes a connection whose pings go unanswered', async () => {
    // A server that never answers pings: a connection a proxy has silently dropped looks like this.
    server = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: false });
    await new Promise((done) => server?.once('listening', done));
    let pings = 0;
    server.on('connection', (ws) => ws.on('ping', () => pings++));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/logs`;
    const started = Date.now();
    await streamLogSocket({ url, headers: {} }, () => undefined, new AbortController().signal, 50);
    assert.ok(pings >= 1, `the server saw ${pings} pings`);
    assert.ok(Date.now() - started < 5_000, 'the dead connection was closed soon after the missed pong');
  });

  it('stays open across many pings against the twin, which answers them, and delivers the logs', async () => {
    t = await startTestBackend();
    const sandbox = await t.daytona.create();
    await sandbox.process.createSession('s');
    const run = await sandbox.process.executeSessionCommand('s', { command: 'echo early; sleep 1; echo late', runAsync: true });
    const target = logSocketTarget(sandbox, 's', run.cmdId ?? '');
    assert.ok(target);
    let text = '';
    const stop = new AbortController();
    const following = streamLogSocket(target, (chunk) => (text += chunk), stop.signal, 50);
    // Twenty pings go by while the command sleeps: each was answered, or the socket would have been closed.
    await eventually(() => text.includes('late'), 'the line printed after a second of silence');
    await following;
    assert.match(text, /early[\s\S]*late/);
  });
});
