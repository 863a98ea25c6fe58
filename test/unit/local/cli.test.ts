// `forge local serve` as a separate process: one JSON line on stdout, usable by the SDK, stops on SIGTERM.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Daytona } from '@daytonaio/sdk';
import { makeTempDir, raw } from './helpers';
import type { LocalBackend } from '../../../src/local';

const ROOT = join(__dirname, '..', '..', '..');

function serve(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli.ts'), 'local', 'serve', ...args], { cwd: ROOT, env: { ...process.env, FORGE_LOCAL_API_KEY: '' } });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('forge local serve', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await makeTempDir();
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints exactly one JSON line, serves the SDK, and stops on SIGTERM', async () => {
    const child = serve(['--api-key', 'k-123', '--data', dataDir]);
    const exited = exitOf(child);
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', () => reject(new Error('forge local serve exited before printing its address')));
    });
    try {
      const { apiUrl, apiKey } = JSON.parse(firstLine) as { apiUrl: string; apiKey: string };
      assert.match(apiUrl, /^http:\/\/127\.0\.0\.1:\d+\/api$/);
      assert.equal(apiKey, 'k-123');
      const daytona = new Daytona({ apiKey, apiUrl });
      const sandbox = await daytona.create({ labels: { via: 'cli' } });
      assert.equal(sandbox.state, 'started');
      await daytona[Symbol.asyncDispose]();
      const backend = { apiUrl, apiKey } as LocalBackend;
      assert.equal((await raw(backend, 'GET', '/api/sandbox')).json<{ items: unknown[] }>().items.length, 1);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0);
    assert.equal(stdout.trim().split('\n').length, 1);
  });

  it('rejects a bad port with a message on stderr', async () => {
    const child = serve(['--port', 'abc', '--data', dataDir]);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    assert.equal(await exitOf(child), 1);
    assert.match(stderr, /--port abc is not a port number/);
  });
});
