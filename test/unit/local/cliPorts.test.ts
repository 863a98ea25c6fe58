// `forge ports` as a separate process against a running local backend (reached as Daytona is, through
// DAYTONA_API_URL / DAYTONA_API_KEY): the sandbox's listening ports one per line, nothing for a stopped sandbox,
// and a bad target said without a stack trace.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Sandbox } from '@daytonaio/sdk';
import { eventually, startTestBackend, type TestBackend } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');

function forgePorts(args: string[], t: TestBackend): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, DAYTONA_API_KEY: t.backend.apiKey, DAYTONA_API_URL: t.backend.apiUrl, DAYTONA_TARGET: '' };
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'ports', ...args, '--backend', 'daytona'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('forge ports', function () {
  this.timeout(60_000);
  let t: TestBackend;
  let sandbox: Sandbox;

  before(async () => {
    t = await startTestBackend({ isolate: false });
    sandbox = await t.daytona.create({ language: 'javascript' });
  });
  after(async () => {
    await t?.stop();
  });

  it('prints the ports the sandbox listens on, as the sandbox sees them, one per line', async () => {
    await sandbox.process.createSession('servers');
    for (const port of [4567, 4590]) {
      await sandbox.process.executeSessionCommand('servers', { command: `node -e "require('http').createServer(() => {}).listen(${port})"`, runAsync: true });
    }
    // Waits on the toolbox itself, so the (slow to start) CLI runs once.
    const url = `${sandbox.toolboxProxyUrl.replace(/\/$/, '')}/${sandbox.id}/port`;
    const listening = async (): Promise<unknown> => ((await (await fetch(url, { headers: { Authorization: `Bearer ${t.backend.apiKey}` } })).json()) as { ports?: unknown }).ports;
    await eventually(async () => JSON.stringify(await listening()) === '[4567,4590]', 'both servers to listen', 20_000);
    const r = await forgePorts([sandbox.id], t);
    assert.deepEqual([r.code, r.stdout], [0, '4567\n4590\n'], r.stderr);
    assert.match(r.stderr, new RegExp(`sandbox ${sandbox.id} listens on`));
  });

  it('lists nothing for a stopped sandbox and says why', async () => {
    const stopped = await t.daytona.create({ language: 'javascript' });
    await stopped.stop();
    const r = await forgePorts([stopped.id], t);
    assert.deepEqual([r.code, r.stdout], [0, '']);
    assert.match(r.stderr, /is stopped, so nothing listens in it/);
  });

  it('says what is wrong with a target that is neither a folder nor a sandbox', async () => {
    const r = await forgePorts(['no-such-sandbox'], t);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /"no-such-sandbox" is neither a folder nor a sandbox id/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });
});
