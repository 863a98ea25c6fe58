// A sandbox's own network, tried from inside as an attacker would (real bubblewrap, real slirp4netns): no
// host loopback, no host listeners in /proc/net, nothing it writes steers the preview proxy, none of the
// user's files; while a real npm install, its dev server and the preview through the proxy work.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir, networkInterfaces } from 'node:os';
import { parseTable } from '../../../../src/local/runner/network/listeners';
import type { LocalToolbox } from '../../../../src/local/toolbox/index';
import { eventually } from '../helpers';
import { BWRAP_AVAILABLE } from './support/isolation';
import { startSandbox, type SandboxFixture } from './support/sandboxFixture';

const CONNECT = (port: number, host = '127.0.0.1'): string =>
  `node -e "require('net').connect(${port}, '${host}').on('connect', () => { console.log('CONNECTED'); process.exit(0); }).on('error', (e) => { console.log('BLOCKED ' + e.code); process.exit(0); })"`;

/** Pids whose command line mentions `needle` (the network helpers name their socket or holder pid). */
function processesMentioning(needle: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').join(' ');
      const state = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmdline.includes(needle) && state !== 'Z' && Number(name) !== process.pid) found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

describe('local toolbox: a network of its own (bubblewrap + slirp4netns)', function () {
  this.timeout(180_000);
  let f: SandboxFixture;
  let hostServer: Server;
  let hostPort: number;

  before(async function () {
    if (!BWRAP_AVAILABLE) this.skip();
    hostServer = createServer((_req, res) => res.end('host secret'));
    await new Promise<void>((resolve) => hostServer.listen(0, '127.0.0.1', resolve));
    hostPort = (hostServer.address() as AddressInfo).port;
    f = await startSandbox({ isolate: true });
  });
  after(async () => {
    await f?.stop();
    hostServer?.close();
  });

  it('cannot connect to the host loopback: neither a server of the host nor the backend API', async () => {
    const apiPort = Number(new URL(f.t.backend.apiUrl).port);
    for (const [port, host] of [[hostPort, '127.0.0.1'], [apiPort, '127.0.0.1'], [hostPort, '10.0.2.2'], [hostPort, 'localhost']] as const) {
      const r = await f.sandbox.process.executeCommand(CONNECT(port, host));
      assert.match(r.result, /^BLOCKED /, `${host}:${port}: ${r.result}`);
    }
  });

  it('cannot reach this machine through its other interfaces either (a server on 0.0.0.0)', async () => {
    const open = createServer((_req, res) => res.end('host on all interfaces'));
    await new Promise<void>((resolve) => open.listen(0, '0.0.0.0', resolve));
    try {
      const port = (open.address() as AddressInfo).port;
      const addresses = Object.values(networkInterfaces()).flat().filter((a) => a !== undefined && a.family === 'IPv4' && !a.internal);
      for (const a of addresses) {
        const r = await f.sandbox.process.executeCommand(CONNECT(port, (a as { address: string }).address));
        assert.match(r.result, /^BLOCKED /, `${(a as { address: string }).address}: ${r.result}`);
      }
    } finally {
      open.close();
    }
  });

  it('sees only its own sockets in /proc/net/tcp, not the host listeners', async () => {
    const hex = hostPort.toString(16).toUpperCase().padStart(4, '0');
    assert.match(readFileSync('/proc/net/tcp', 'utf8'), new RegExp(`:${hex} `), 'the host table lists the test server');
    const r = await f.sandbox.process.executeCommand('cat /proc/net/tcp /proc/net/tcp6');
    assert.doesNotMatch(r.result, new RegExp(`:${hex} `));
  });

  it('sees none of the user’s home nor the backend’s runtime files', async () => {
    const r = await f.sandbox.process.executeCommand(`ls -a '${homedir()}' 2>&1; ls /run/forge 2>&1; ls '${f.runtime}' 2>&1; echo end`);
    assert.equal((r.result.match(/No such file or directory/g) ?? []).length, 3, r.result);
  });

  it('cannot steer the preview proxy: a forged port map is ignored, the real listener is found', async () => {
    const forge = `mkdir -p /run/forge/ports 2>/dev/null; for d in /home/daytona/../runtime/ports /home/daytona/.forge /tmp; do mkdir -p $d 2>/dev/null && echo '{"port":3000,"actualPort":${hostPort}}' > $d/3000.json; done; echo done`;
    await f.sandbox.process.executeCommand(forge);
    const link = await f.sandbox.getPreviewLink(3000);
    const headers = { 'X-Daytona-Preview-Token': link.token, 'X-Daytona-Skip-Preview-Warning': 'true' };
    const before = await fetch(link.url, { headers });
    assert.equal(before.status, 502);
    assert.doesNotMatch(await before.text(), /host secret/);
    await f.sandbox.process.createSession('srv');
    await f.sandbox.process.executeSessionCommand('srv', { command: `node -e "require('http').createServer((q, s) => s.end('inside')).listen(3000)"`, runAsync: true });
    await eventually(async () => (await fetch(link.url, { headers })).status === 200, 'the sandbox server through the proxy');
    assert.equal(await (await fetch(link.url, { headers })).text(), 'inside');
    // A sweep of every TCP listener of this machine: none serves the sandbox's app without a credential.
    const ports = new Set([...parseTable(readFileSync('/proc/net/tcp', 'utf8'), 4), ...parseTable(readFileSync('/proc/net/tcp6', 'utf8'), 6)].map((l) => l.port));
    for (const port of ports) {
      const body = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) }).then((r) => r.text(), () => '');
      assert.notEqual(body, 'inside', `port ${port} serves the sandbox without a credential`);
    }
  });

  it('installs a real package from the npm registry (egress works, DNS included)', async () => {
    await f.sandbox.fs.createFolder('work', '755');
    const r = await f.sandbox.process.executeCommand("npm init -y >/dev/null && npm install --no-audit --no-fund is-number@7.0.0 2>&1 && node -p \"require('is-number')(5)\"", 'work', undefined, 180);
    assert.equal(r.exitCode, 0, r.result);
    assert.match(r.result, /true\n$/);
  });

  it('ends its network helpers when the sandbox stops and when the backend closes', async () => {
    const toolbox = f.t.toolbox.real as LocalToolbox;
    const local = { id: f.sandbox.id, homeDir: f.home, insideHome: '/home/daytona', user: 'daytona', daemonVersion: 'test', runtimeDir: f.runtime, env: {}, volumes: [], memoryGiB: 1, language: 'typescript' };
    const target = await toolbox.resolvePort(local, 3000);
    const socketPath = target?.socketPath ?? '';
    assert.ok(socketPath !== '');
    const [holder] = processesMentioning(socketPath);
    assert.ok(holder !== undefined, 'the holder runs');
    assert.ok(processesMentioning(`slirp4netns`).some((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`\0${holder}\0`)), 'its slirp4netns runs');
    await f.sandbox.stop();
    assert.deepEqual(processesMentioning(socketPath), []);
    assert.ok(!processesMentioning('slirp4netns').some((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`\0${holder}\0`)));

    await f.sandbox.start();
    await f.sandbox.process.executeCommand('true');
    const again = processesMentioning(socketPath);
    assert.equal(again.length, 1, 'a started sandbox has its network again');
    await f.t.backend.close();
    assert.deepEqual(processesMentioning(socketPath), []);
    assert.ok(!processesMentioning('slirp4netns').some((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`\0${again[0]}\0`)));
  });
});
