// Port remapping: two sandboxes both serve "port 3000"; each gets its own host port and its own content.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { Sandbox } from '@daytonaio/sdk';
import type { LocalSandbox, Toolbox } from '../../../../src/local/contracts';
import { createToolbox, describeSandboxPort } from '../../../../src/local/toolbox/index';
import { eventually } from '../helpers';
import { RUNNER_MODES, skipWithoutBwrap } from './support/isolation';
import { startSandbox, type SandboxFixture } from './support/sandboxFixture';

const SERVER_JS = `
const http = require('http');
const [name, port, host] = process.argv.slice(2);
const server = http.createServer((req, res) => res.end('hello from ' + name));
server.listen(Number(port), host || undefined, () => console.log(name + ' listening on ' + server.address().port));
`;

for (const mode of RUNNER_MODES) {
  describe(`local toolbox: port remapping (${mode.label})`, () => {
    let f: SandboxFixture;
    let second: { sandbox: Sandbox; home: string };
    let reader: Toolbox;

    const local = (sandbox: Sandbox, home: string): LocalSandbox => ({
      id: sandbox.id,
      homeDir: home,
      runtimeDir: join(home, '..', 'runtime'),
      env: {},
      volumes: [],
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
      reader = createToolbox({ isolate: mode.isolate, onActivity: () => undefined });
    });
    after(async () => {
      await reader?.dispose();
      await f?.stop();
    });

    it('gives two sandboxes listening on 3000 distinct host ports, each serving its own content', async () => {
      const logA = await serve(f.sandbox, 'A', 3000, '0.0.0.0');
      const logB = await serve(second.sandbox, 'B', 3000);
      // server.address() reports the port the server asked for.
      assert.equal(logA, 'A listening on 3000\n');
      assert.equal(logB, 'B listening on 3000\n');
      const portA = await reader.resolvePort(local(f.sandbox, f.home), 3000);
      const portB = await reader.resolvePort(local(second.sandbox, second.home), 3000);
      assert.ok(portA !== undefined && portB !== undefined, `${String(portA)} ${String(portB)}`);
      assert.notEqual(portA, portB);
      assert.equal(await (await fetch(`http://127.0.0.1:${portA}/`)).text(), 'hello from A');
      assert.equal(await (await fetch(`http://127.0.0.1:${portB}/`)).text(), 'hello from B');
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

    it('keeps remapping after a session exported its own NODE_OPTIONS', async () => {
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
      assert.equal((await describeSandboxPort(sandbox, 4000)).state, 'loopback-only');
      assert.equal((await describeSandboxPort(sandbox, 4999)).state, 'closed');
      assert.equal(await reader.resolvePort(sandbox, 4999), undefined);
    });

    it('lists the ports the sandbox listens on as it sees them (GET /port, /port/{port}/in-use)', async () => {
      const get = async (subPath: string): Promise<{ status: number; body: unknown }> => {
        const res = await fetch(`${f.sandbox.toolboxProxyUrl.replace(/\/$/, '')}/${f.sandbox.id}${subPath}`, { headers: { Authorization: `Bearer ${f.t.backend.apiKey}` } });
        return { status: res.status, body: await res.json() };
      };
      const hostPort = await reader.resolvePort(local(f.sandbox, f.home), 3000);
      // 3000 (0.0.0.0) and 4000 (localhost only: the sandbox still listens there), never the remapped host port.
      assert.deepEqual(await get('/port'), { status: 200, body: { ports: [3000, 4000] } });
      assert.ok(hostPort !== undefined && hostPort !== 3000);
      assert.deepEqual(await get('/port/3000/in-use'), { status: 200, body: { isInUse: true } });
      assert.deepEqual(await get('/port/3001/in-use'), { status: 200, body: { isInUse: false } });
      assert.equal((await get('/port/80/in-use')).status, 400);
      assert.equal((await get('/port/abc/in-use')).status, 400);
      assert.deepEqual((await get('/port')).body, { ports: [3000, 4000] }, 'the other sandbox\'s 3000 is its own');
    });

    it('forgets the ports of a stopped sandbox', async () => {
      const sandbox = local(second.sandbox, second.home);
      const before = await reader.resolvePort(sandbox, 3000);
      assert.ok(before !== undefined);
      await second.sandbox.stop();
      assert.equal(await reader.resolvePort(sandbox, 3000), undefined);
      await assert.rejects(fetch(`http://127.0.0.1:${before}/`));
    });
  });
}
