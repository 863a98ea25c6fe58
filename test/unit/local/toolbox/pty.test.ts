// PTY sessions through the real SDK (createPty / connectPty / list / get / resize / kill), in both runner
// modes: input, output, resize, exit codes, Ctrl-C, several clients, and a shell inside bubblewrap.
import { strict as assert } from 'node:assert';
import { WebSocket } from 'ws';
import { DaytonaConnectionError, DaytonaNotFoundError, type PtyHandle } from '@daytonaio/sdk';
import { eventually } from '../helpers';
import { RUNNER_MODES, skipWithoutBwrap } from './support/isolation';
import { processesMatching, uniqueSleep } from './support/processes';
import { startSandbox, type SandboxFixture } from './support/sandboxFixture';

/** Collects a PTY's output as text. */
function screen(): { text: () => string; onData: (data: Uint8Array) => void } {
  const decoder = new TextDecoder();
  let text = '';
  return { text: () => text, onData: (data) => void (text += decoder.decode(data, { stream: true })) };
}

for (const mode of RUNNER_MODES) {
  describe(`local toolbox: PTY (${mode.label})`, function () {
    this.timeout(30_000);
    let f: SandboxFixture;
    let n = 0;
    const nextId = () => `pty-${mode.isolate ? 'b' : 'p'}-${++n}`;

    before(async function () {
      skipWithoutBwrap(this, mode.isolate);
      f = await startSandbox({ isolate: mode.isolate, envVars: { FROM_SANDBOX: 'sandbox-env' } });
      await f.sandbox.fs.createFolder('app', '755');
    });
    after(async () => {
      await f?.stop();
    });

    it('createPty: a shell in cwd with the sandbox env and the given envs; input, output, resize and exit code', async () => {
      const out = screen();
      const pty = await f.sandbox.process.createPty({ id: nextId(), cwd: '/home/daytona/app', envs: { GIVEN: 'given-env' }, cols: 90, rows: 20, onData: out.onData });
      await pty.sendInput('echo "P=$PWD E=$FROM_SANDBOX G=$GIVEN T=$TERM"; stty size\n');
      const cwd = mode.isolate ? '/home/daytona/app' : `${f.home}/app`;
      await eventually(() => out.text().includes(`P=${cwd} E=sandbox-env G=given-env T=xterm-256color`) && out.text().includes('20 90'), `the echo in ${JSON.stringify(out.text())}`);
      const info = await pty.resize(132, 41);
      assert.deepEqual([info.cols, info.rows, info.active], [132, 41, true]);
      if (mode.isolate) {
        await pty.sendInput(`test -e '${f.t.dataDir}' || echo host-is-$((1+1))-hidden\n`);
        await eventually(() => out.text().includes('host-is-2-hidden'), 'the host data directory to be invisible inside bubblewrap');
      }
      await pty.sendInput('stty size; exit 7\n');
      const result = await pty.wait();
      assert.equal(result.exitCode, 7);
      assert.match(out.text(), /41 132/);
      assert.equal(pty.isConnected(), false);
    });

    it('exit 0 reports exit code 0 and no error; the session is gone from the list', async () => {
      const id = nextId();
      const pty = await f.sandbox.process.createPty({ id, onData: () => undefined });
      assert.ok((await f.sandbox.process.listPtySessions()).some((s) => s.id === id && s.active));
      await pty.sendInput('exit\n');
      assert.deepEqual(await pty.wait(), { exitCode: 0, error: undefined });
      await eventually(async () => !(await f.sandbox.process.listPtySessions()).some((s) => s.id === id), 'the session to leave the list');
      await assert.rejects(f.sandbox.process.getPtySessionInfo(id), DaytonaNotFoundError);
    });

    it('Ctrl-C reaches the foreground process; kill ends the shell and its children with 137', async () => {
      const out = screen();
      const m = uniqueSleep();
      const pty = await f.sandbox.process.createPty({ id: nextId(), onData: out.onData });
      await pty.sendInput(`${m}1\n`);
      await eventually(() => processesMatching(m).length === 1, 'the sleep to run');
      await pty.sendInput(new Uint8Array([3]));
      await eventually(() => processesMatching(m).length === 0, 'Ctrl-C to end the sleep');
      await pty.sendInput('echo still-$((0+1))-here\n');
      await eventually(() => out.text().includes('still-1-here'), 'the shell to survive Ctrl-C');
      await pty.sendInput(`${m}2 & ${m}3\n`);
      await eventually(() => processesMatching(m).length === 2, 'the sleeps to run');
      await pty.kill();
      const result = await pty.wait();
      assert.deepEqual([result.exitCode, result.error], [137, 'SIGKILL']);
      await eventually(() => processesMatching(m).length === 0, 'kill to end the children');
    });

    it('connectPty attaches a second client to a lazily started session: both see the output, either can type', async () => {
      const id = nextId();
      await raw(f, 'POST', '/process/pty', { id, lazyStart: true, cols: 100, rows: 30 });
      const info = await f.sandbox.process.getPtySessionInfo(id);
      assert.deepEqual([info.active, info.lazyStart, info.cols, info.envs['TERM']], [false, true, 100, 'xterm-256color']);
      const a = screen();
      const b = screen();
      const first: PtyHandle = await f.sandbox.process.connectPty(id, { onData: a.onData });
      const second: PtyHandle = await f.sandbox.process.connectPty(id, { onData: b.onData });
      assert.equal((await f.sandbox.process.getPtySessionInfo(id)).active, true);
      await second.sendInput('echo from-$((20+3))\n');
      await eventually(() => a.text().includes('from-23') && b.text().includes('from-23'), 'both clients to see the output');
      await second.disconnect();
      await first.sendInput('exit 4\n');
      assert.equal((await first.wait()).exitCode, 4);
    });

    it('refuses a duplicate id, a missing session, bad sizes and bad envs with the daemon status codes', async () => {
      const id = nextId();
      const pty = await f.sandbox.process.createPty({ id, onData: () => undefined });
      // The SDK reports a refused upgrade as a connection error; the status is checked on the raw route below.
      await assert.rejects(f.sandbox.process.createPty({ id, onData: () => undefined }), DaytonaConnectionError);
      assert.equal(await upgradeStatus(f, `/process/pty/create-connect?id=${id}`, ['X-Daytona-Pty-Exit-Control']), 409);
      assert.equal((await raw(f, 'POST', '/process/pty', { id })).status, 409);
      assert.equal((await raw(f, 'POST', `/process/pty/${id}/resize`, { cols: 1001, rows: 10 })).status, 400);
      assert.equal((await raw(f, 'POST', '/process/pty', { id: nextId(), cwd: '/home/daytona/missing' })).status, 404);
      assert.equal((await raw(f, 'POST', '/process/pty', { id: nextId(), cwd: '/etc' })).status, 403);
      await assert.rejects(f.sandbox.process.resizePtySession('nope', 80, 24), DaytonaNotFoundError);
      await assert.rejects(f.sandbox.process.killPtySession('nope'), DaytonaNotFoundError);
      await assert.rejects(f.sandbox.process.connectPty('nope', { onData: () => undefined }), /PTY session nope not found/);
      const badEnvs = await upgradeStatus(f, `/process/pty/create-connect?id=${nextId()}`, ['X-Daytona-Pty-Envs~not-json', 'X-Daytona-Pty-Exit-Control']);
      assert.equal(badEnvs, 400);
      await pty.kill();
    });

    it('stopping the sandbox ends its PTYs', async () => {
      const m = uniqueSleep();
      const g = await f.another();
      const pty = await g.sandbox.process.createPty({ id: 'to-stop', onData: () => undefined });
      await pty.sendInput(`${m}1\n`);
      await eventually(() => processesMatching(m).length === 1, 'the sleep to run');
      await g.sandbox.stop();
      assert.equal((await pty.wait()).exitCode, 137);
      await eventually(() => processesMatching(m).length === 0, 'the stop to end the PTY');
    });
  });
}

async function raw(f: SandboxFixture, method: string, subPath: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${toolboxUrl(f)}${subPath}`, { method, headers: { Authorization: `Bearer ${f.t.backend.apiKey}`, 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

function upgradeStatus(f: SandboxFixture, subPath: string, protocols: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${toolboxUrl(f).replace(/^http/, 'ws')}${subPath}`, protocols, { headers: { Authorization: `Bearer ${f.t.backend.apiKey}` } });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => reject(new Error('the upgrade was accepted')));
    ws.on('error', () => undefined);
  });
}

function toolboxUrl(f: SandboxFixture): string {
  return `${f.sandbox.toolboxProxyUrl.replace(/\/$/, '')}/${f.sandbox.id}`;
}
