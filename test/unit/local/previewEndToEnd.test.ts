// End to end through the real toolbox: a dev server started in a session via the SDK, reached through
// getPreviewLink and getSignedPreviewUrl (HTTP and a WebSocket), then stopped with the sandbox.
import { strict as assert } from 'node:assert';
import type { Sandbox } from '@daytonaio/sdk';
import WebSocket from 'ws';
import { eventually, onSigned, startTestBackend, type TestBackend } from './helpers';

// A dependency-free dev server: HTTP echo of the path, and a WebSocket handshake that sends one text frame.
const DEV_SERVER = `
const http = require('node:http');
const crypto = require('node:crypto');
const server = http.createServer((req, res) => res.end('dev server says ' + req.url));
server.on('upgrade', (req, socket) => {
  const accept = crypto.createHash('sha1').update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  socket.write('HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket\\r\\nConnection: Upgrade\\r\\nSec-WebSocket-Accept: ' + accept + '\\r\\n\\r\\n');
  const text = Buffer.from('hmr ' + req.url);
  socket.write(Buffer.concat([Buffer.from([0x81, text.length]), text]));
});
server.listen(3000, '0.0.0.0', () => console.log('listening'));
`;

function firstMessage(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('message', (data: Buffer) => {
      resolve(data.toString('utf8'));
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

describe('local backend: preview of a dev server started through the SDK', () => {
  let t: TestBackend;
  let sandbox: Sandbox;

  before(async () => {
    t = await startTestBackend({ isolate: true });
    sandbox = await t.daytona.create({ language: 'javascript' });
    await sandbox.fs.uploadFile(Buffer.from(DEV_SERVER), 'server.js');
    await sandbox.process.createSession('dev');
    await sandbox.process.executeSessionCommand('dev', { command: 'node server.js', runAsync: true });
  });
  after(async () => {
    await t.stop();
  });

  it('reaches the dev server through the preview link and a signed URL, HTTP and WebSocket', async () => {
    const link = await sandbox.getPreviewLink(3000);
    const auth = { 'X-Daytona-Preview-Token': link.token };
    await eventually(async () => (await fetch(link.url, { headers: auth })).status === 200, 'the dev server to answer through the proxy', 20_000);
    assert.equal(await (await fetch(`${link.url}a/b?c=d`, { headers: auth })).text(), 'dev server says /a/b?c=d');
    assert.equal((await fetch(link.url)).status, 401);

    const signed = await sandbox.getSignedPreviewUrl(3000, 300);
    assert.equal(await (await fetch(onSigned(signed.url, '/x'))).text(), 'dev server says /x');
    assert.equal(await firstMessage(onSigned(signed.url, '/hmr').replace('http', 'ws')), 'hmr /hmr');
    await sandbox.expireSignedPreviewUrl(3000, signed.token);
    assert.equal((await fetch(signed.url, { redirect: 'manual' })).status, 307);
  });

  it('drops a followed log WebSocket when a dropWebSocket fault says so (the SDK call returns instead of hanging)', async () => {
    const { cmdId } = await sandbox.process.executeSessionCommand('dev', { command: 'while true; do echo tick; sleep 0.05; done', runAsync: true });
    t.backend.faults.add({ path: '/process/session/dev/command/[^/]+/logs$', effect: { kind: 'dropWebSocket', afterBytes: 20 } });
    let received = '';
    const settled = await sandbox.process.getSessionCommandLogs('dev', cmdId, (chunk) => (received += chunk), () => undefined).then(
      () => 'resolved',
      () => 'rejected',
    );
    assert.ok(['resolved', 'rejected'].includes(settled));
    assert.match(received, /tick/);
  });

  it('stops serving when the sandbox stops (its processes end)', async () => {
    const link = await sandbox.getPreviewLink(3000);
    await sandbox.stop();
    assert.equal((await fetch(link.url, { headers: { 'X-Daytona-Preview-Token': link.token } })).status, 503);
    await sandbox.start();
    const again = await sandbox.getPreviewLink(3000);
    assert.equal(again.url, link.url, 'the address is stable across a restart');
    assert.equal((await fetch(again.url, { headers: { 'X-Daytona-Preview-Token': again.token } })).status, 502, 'nothing listens until the dev server is started again');
  });
});
