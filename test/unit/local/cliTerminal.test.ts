// `forge terminal` as a separate process against the local backend: stdin reaches the sandbox's shell, its
// output reaches stdout, its exit code is the command's; a stopped sandbox is started; a bad target is said.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Daytona } from '@daytonaio/sdk';
import { startLocalBackend } from '../../../src/local';
import { makeTempDir } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');

function forgeTerminal(args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'terminal', ...args], { cwd: ROOT, env: { ...process.env, DAYTONA_API_KEY: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  child.stdin.write(input);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('forge terminal', function () {
  this.timeout(60_000);
  let dataDir: string;
  let sandboxId: string;

  before(async () => {
    dataDir = await makeTempDir();
    const backend = await startLocalBackend({ dataDir, isolate: false });
    const daytona = new Daytona({ apiKey: backend.apiKey, apiUrl: backend.apiUrl });
    sandboxId = (await daytona.create({ envVars: { WHERE: 'in-the-sandbox' } })).id;
    await daytona[Symbol.asyncDispose]();
    await backend.close(); // the sandbox comes back stopped: forge terminal must start it
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs what stdin types in the sandbox, prints its output and exits with its code', async () => {
    const r = await forgeTerminal([sandboxId, '--data', dataDir, '--backend', 'local'], 'echo "at=$WHERE n=$((20+1))"; exit 6\n');
    assert.match(r.stdout, /at=in-the-sandbox n=21/);
    assert.match(r.stderr, /starting sandbox/);
    assert.equal(r.code, 6, r.stderr);
  });

  it('says what is wrong with a target that is neither a folder nor a sandbox', async () => {
    const r = await forgeTerminal(['no-such-sandbox', '--data', dataDir, '--backend', 'local'], '');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /"no-such-sandbox" is neither a folder nor a sandbox id/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });
});
