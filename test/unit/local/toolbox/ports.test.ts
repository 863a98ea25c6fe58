// Ports of a sandbox: two sandboxes both serve "port 3000" (isolated: each its own network; plain processes: the
// remapping preload), each answers with its own content through its preview link and on its own localhost.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Sandbox } from '@daytonaio/sdk';
import type { LocalSandbox } from '../../../../src/local/contracts';
import type { LocalToolbox } from '../../../../src/local/toolbox/index';
import { eventually } from '../helpers';
import { RUNNER_MODES, skipWithoutBwrap } from './support/isolation';
import { startSandbox, type SandboxFixture } from './support/sandboxFixture';

const SERVER_JS = `
const http = require('http');
const [name, port, host] = process.argv.slice(2);
const server = http.createServer((req, res) => res.end('hello from ' + name));
server.listen(Number(port), host || undefined, () => console.log(name + ' listening on ' + server.address().port));
`;

// What Vite 8 does before it listens: probe every wildcard host, close, then listen for real.
const EXACT_JS = `
const http = require('http');
const listen = (port, host) => new Promise((resolve, reject) => {
  const s = http.createServer((q, r) => r.end('served on ' + host));
  s.once('error', reject);
  s.listen(port, host, () => resolve(s));
});
// Vite's tryListen: closes the server inside its own 'listening' handler.
const probe = (port, host) => new Promise((resolve) => {
  const s = require('net').createServer();
  s.once('error', (e) => s.close(() => resolve(e.code)));
  s.once('listening', () => { const a = s.address(); s.close(() => resolve(a.port)); });
  s.listen(port, host);
});
(async () => {
  const out = [];
  for (const host of ['0.0.0.0', '::']) out.push(await probe(5173, host));
  const a = await listen(5173, '0.0.0.0');
  const b = await listen(5174, '::');
  const c = await listen(5175, '0.0.0.0');
  try { await listen(5173, '::'); out.push('listened twice'); } catch (e) { out.push(e.code); }
  out.push(a.address().port, b.address().port, c.address().port);
  console.log(JSON.stringify(out));
  setInterval(() => undefined, 1000);
})().catch((e) => console.log('failed ' + e.message));
`;

for (const mode of RUNNER_MODES) {
  describe(`local toolbox: sandbox ports (${mode.label})`, () => {
    let f: SandboxFixture;
    let second: { sandbox: Sandbox; home: string };
    let reader: LocalToolbox;

    const local = (sandbox: Sandbox, home: string): LocalSandbox => ({
      id: sandbox.id,
      homeDir: home, insideHome: '/home/daytona', user: 'daytona', daemonVersion: 'test',
      runtimeDir: join(home, '..', 'runtime'),
      env: {},
      volumes: [],
      memoryGiB: 1,
      language: 'typescript',
    });

    async function serve(sandbox: Sandbox, name: string, port: number, host = ''): Promise<string> {
      await sandbox.fs.uploadFile(Buffer.from(SERVER_JS), 'server.js');
      await sandbox.process.createSession(`srv-${name}-${port}`);
      const cmd = await sandbox.process.executeSessionCommand(`srv-${name}-${port}`, { command: `node server.js ${name} ${port} ${host}`, runAsync: true });
      await eventually(async () => (await sandbox.process.getSessionCommandLogs(`srv-${name}-${port}`, cmd.cmdId)).stdout?.includes('listening') === true, `${name} to listen`);
      return (await sandbox.process.getSessionCommandLogs(`srv-${name}-${port}`, cmd.cmdId)).stdout ?? '';
    }

    before(async function () {
      skipWithoutBwrap(this, mode.isolate);
      f = await startSandbox({ isolate: mode.isolate });
      second = await f.another();
      reader = f.t.toolbox.real as LocalToolbox;
    });
    after(async () => {
      await f?.stop();
    });

    it('lets two sandboxes both listen on 3000, each reached at its own target', async () => {
      const logA = await serve(f.sandbox, 'A', 3000, '0.0.0.0');
      const logB = await serve(second.sandbox, 'B', 3000);
      // server.address() reports the port the server asked for.
      assert.equal(logA, 'A listening on 3000\n');
      assert.equal(logB, 'B listening on 3000\n');
      const a = await reader.resolvePort(local(f.sandbox, f.home), 3000);
      const b = await reader.resolvePort(local(second.sandbox, second.home), 3000);
      assert.ok(a !== undefined && b !== undefined, `${JSON.stringify(a)} ${JSON.stringify(b)}`);
      if (mode.isolate) {
        // Its own network: the real port 3000, behind a forwarder socket of each sandbox; no host port at all.
        assert.equal(a.port, 3000);
        assert.equal(b.port, 3000);
        assert.ok(a.socketPath !== undefined && b.socketPath !== undefined && a.socketPath !== b.socketPath);
      } else {
        assert.notEqual(a.port, b.port);
        assert.equal(await (await fetch(`http://127.0.0.1:${a.port}/`)).text(), 'hello from A');
        assert.equal(await (await fetch(`http://127.0.0.1:${b.port}/`)).text(), 'hello from B');
      }
    });

    it('serves each sandbox through its own preview link', async () => {
      for (const [sandbox, name] of [[f.sandbox, 'A'], [second.sandbox, 'B']] as const) {
        const link = await sandbox.getPreviewLink(3000);
        const answer = await fetch(link.url, { headers: { 'X-Daytona-Preview-Token': link.token, 'X-Daytona-Skip-Preview-Warning': 'true' } });
        assert.equal(await answer.text(), `hello from ${name}`);
      }
    });

    it('lets processes inside the sandbox reach their own server on localhost:3000', async () => {
      const probe = `require('http').get('http://localhost:3000/', (r) => { let b = ''; r.on('data', (d) => (b += d)); r.on('end', () => console.log(b)); }).on('error', (e) => console.log('error ' + e.code))`;
      await f.sandbox.fs.uploadFile(Buffer.from(probe), 'probe.js');
      await second.sandbox.fs.uploadFile(Buffer.from(probe), 'probe.js');
      assert.equal((await f.sandbox.process.executeCommand('node probe.js')).result, 'hello from A\n');
      assert.equal((await second.sandbox.process.executeCommand('node probe.js')).result, 'hello from B\n');
    });

    it('keeps reaching its own server after a session exported its own NODE_OPTIONS', async () => {
      await f.sandbox.process.createSession('opts');
      await f.sandbox.process.executeSessionCommand('opts', { command: 'export NODE_OPTIONS=--max-old-space-size=256' });
      const r = await f.sandbox.process.executeSessionCommand('opts', { command: 'node probe.js' });
      assert.equal(r.stdout, 'hello from A\n');
    });

    it('answers EADDRINUSE to a second listener on the same port in the same sandbox', async () => {
      const r = await f.sandbox.process.executeCommand(`node -e "require('net').createServer().listen(3000).on('error', (e) => { console.log(e.code); process.exit(0); }).on('listening', () => { console.log('listening'); process.exit(0); })"`);
      assert.equal(r.result, 'EADDRINUSE\n');
    });

    it('does not resolve a server bound to localhost only, and says why', async () => {
      await serve(f.sandbox, 'L', 4000, '127.0.0.1');
      const sandbox = local(f.sandbox, f.home);
      assert.equal(await reader.resolvePort(sandbox, 4000), undefined);
      assert.equal((await reader.describePort(sandbox, 4000)).state, 'loopback-only');
      assert.equal((await reader.describePort(sandbox, 4999)).state, 'closed');
      assert.equal(await reader.resolvePort(sandbox, 4999), undefined);
    });

    it('lists the ports the sandbox listens on as it sees them (GET /port, /port/{port}/in-use)', async () => {
      const get = async (subPath: string): Promise<{ status: number; body: unknown }> => {
        const res = await fetch(`${f.sandbox.toolboxProxyUrl.replace(/\/$/, '')}/${f.sandbox.id}${subPath}`, { headers: { Authorization: `Bearer ${f.t.backend.apiKey}` } });
        return { status: res.status, body: await res.json() };
      };
      // 3000 (0.0.0.0) and 4000 (localhost only: the sandbox still listens there), as the sandbox sees them.
      const listed = await get('/port');
      assert.equal(listed.status, 200);
      const ports = (listed.body as { ports: number[] }).ports;
      assert.ok(ports.includes(3000) && ports.includes(4000), JSON.stringify(ports));
      // The host ports relayed into the namespace (FORGE_LOCAL_HOST_PORTS: the test git server) are not the sandbox's.
      for (const relayed of (process.env['FORGE_LOCAL_HOST_PORTS'] ?? '').split(',').filter(Boolean)) assert.ok(!ports.includes(Number(relayed)), `relay ${relayed} listed: ${JSON.stringify(ports)}`);
      assert.ok(!ports.includes(5173), `nothing listens on 5173 yet: ${JSON.stringify(ports)}`);
      assert.deepEqual(await get('/port/3000/in-use'), { status: 200, body: { isInUse: true } });
      assert.deepEqual(await get('/port/3001/in-use'), { status: 200, body: { isInUse: false } });
      assert.equal((await get('/port/80/in-use')).status, 400);
      assert.equal((await get('/port/abc/in-use')).status, 400);
    });

    it('listens exactly as on a machine of its own: probe, close, listen again; IPv4 and IPv6; several servers', async () => {
      await f.sandbox.fs.uploadFile(Buffer.from(EXACT_JS), 'exact.js');
      await f.sandbox.process.createSession('exact');
      const cmd = await f.sandbox.process.executeSessionCommand('exact', { command: 'node exact.js', runAsync: true });
      const logs = async (): Promise<string> => (await f.sandbox.process.getSessionCommandLogs('exact', cmd.cmdId)).stdout ?? '';
      await eventually(async () => (await logs()).includes(']'), 'the servers to listen');
      assert.equal(await logs(), '[5173,5173,"EADDRINUSE",5173,5174,5175]\n');
      for (const [port, answer] of [[5173, '0.0.0.0'], [5174, '::'], [5175, '0.0.0.0']] as const) {
        const link = await f.sandbox.getPreviewLink(port);
        const res = await fetch(link.url, { headers: { 'X-Daytona-Preview-Token': link.token, 'X-Daytona-Skip-Preview-Warning': 'true' } });
        assert.equal(await res.text(), `served on ${answer}`);
      }
    });

    it('forgets the ports of a stopped sandbox', async () => {
      const sandbox = local(second.sandbox, second.home);
      const before = await reader.resolvePort(sandbox, 3000);
      assert.ok(before !== undefined);
      await second.sandbox.stop();
      assert.equal(await reader.resolvePort(sandbox, 3000), undefined);
      if (before.socketPath === undefined) await assert.rejects(fetch(`http://127.0.0.1:${before.port}/`));
    });
  });
}
