// The CLI stopped by a signal: `forge preview` gets SIGINT or SIGTERM while it brings the code in, while it waits
// for a dev server that never answers, and once the preview runs; with each --on-exit choice, on its embedded
// backend and on a separate `forge local serve`. Afterwards the backend must hold exactly what the choice says.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { STEP_TITLES } from '../../../src/core/pipeline/steps';
import { createDaytonaClient } from '../../../src/daytona/connection';
import { startLocalBackend } from '../../../src/local';
import { TOKEN } from '../../unit/core/pipeline/harness';
import type { Lane } from '../kit/lane';
import type { Case } from '../kit/runner';
import { recordLeaks } from '../kit/scenario';
import { scanText, type Secret } from '../kit/secrets';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const WAIT_MS = 120_000;

type Moment = 'code' | 'ready' | 'running';
type OnExit = 'keep' | 'stop' | 'delete';
type Where = 'embedded' | 'separate';

/** What the user's sandboxes look like after the CLI exited: their states, sorted. */
type Left = readonly string[];

export function signalCases(): Case<Lane>[] {
  const cases: Case<Lane>[] = [];
  for (const where of ['embedded', 'separate'] as const)
    for (const moment of ['code', 'ready', 'running'] as const)
      for (const onExit of ['keep', 'stop', 'delete'] as const)
        for (const signal of ['SIGINT', 'SIGTERM'] as const) {
          cases.push({
            suite: 'signals',
            scenario: `the CLI stopped by a signal while ${describe(moment)}`,
            name: `forge preview --on-exit ${onExit} (${where} backend): ${signal} while ${describe(moment)} leaves ${expected(moment, onExit, where).join(', ') || 'no sandbox'}`,
            run: (lane) => stopBySignal(lane, { where, moment, onExit, signal }),
          });
        }
  return cases;
}

function describe(moment: Moment): string {
  return moment === 'code' ? 'bringing the code in' : moment === 'ready' ? 'waiting for a dev server that never answers' : 'the preview runs';
}

/**
 * Before the preview is ready a signal cancels the run, which deletes the sandbox it created: nothing is left
 * whatever the choice. Once it runs: keep leaves it started (the embedded backend ends its processes on exit, so
 * it comes back stopped), stop leaves it stopped, delete leaves nothing.
 */
function expected(moment: Moment, onExit: OnExit, where: Where): Left {
  if (moment !== 'running' || onExit === 'delete') return [];
  if (onExit === 'stop') return ['stopped'];
  return [where === 'embedded' ? 'stopped' : 'started'];
}

interface Run {
  readonly where: Where;
  readonly moment: Moment;
  readonly onExit: OnExit;
  readonly signal: NodeJS.Signals;
}

async function stopBySignal(lane: Lane, run: Run): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'forge-reliability-signal-'));
  const wc = await lane.copy('plain-node');
  const server = run.where === 'separate' ? await serve(dataDir) : undefined;
  try {
    const backendArgs = server ? ['--backend', 'daytona'] : ['--backend', 'local', '--data', dataDir];
    const devArgs = run.moment === 'ready' ? ['--dev-command', 'node -e "setInterval(() => {}, 1e6)"'] : [];
    const env = { ...process.env, GITHUB_TOKEN: TOKEN, FORGE_GITHUB_HOST: lane.git.baseUrl, ...(server ? { DAYTONA_API_URL: server.apiUrl, DAYTONA_API_KEY: server.apiKey } : {}) };
    const child = forge(['preview', wc.dir, '--on-exit', run.onExit, ...backendArgs, ...devArgs], env);
    const output = collect(child);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const trigger = run.moment === 'running' ? /^Preview ready: / : new RegExp(`^forge: ${STEP_TITLES[run.moment]}…`);
    await lineMatching(child, trigger, exited, output);
    child.kill(run.signal);
    const code = await within(exited, WAIT_MS, () => `forge preview did not exit after ${run.signal}:\n${output.text()}`);
    assert.equal(code, run.moment === 'running' ? 0 : 130, output.text());
    assert.doesNotMatch(output.text(), /Could not|ECONNREFUSED|unexpected error/, 'the clean-up failed');
    const left = server ? await statesOn(server.apiUrl, server.apiKey) : await statesInDataDir(dataDir);
    assert.deepEqual(left, expected(run.moment, run.onExit, run.where), `sandboxes left: ${left.join(', ')}\n${output.text()}`);
    // What the CLI printed (stdout and stderr) holds no token, key or preview token; the signed URL it prints for
    // the user carries its own token by design, and is not one of these.
    const secrets: Secret[] = [{ name: 'GitHub token', value: TOKEN }, ...(server ? [{ name: 'Daytona API key', value: server.apiKey }] : []), ...(await previewTokens(dataDir))];
    recordLeaks(scanText(output.raw(), secrets, 'forge preview stdout/stderr'));
  } finally {
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function forge(args: readonly string[], env: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src', 'cli.ts'), ...args], { cwd: ROOT, env });
}

/** The preview token of every sandbox in a local backend's data directory (sandbox.json). */
async function previewTokens(dataDir: string): Promise<Secret[]> {
  const ids = await readdir(path.join(dataDir, 'sandboxes')).catch(() => []);
  const tokens: Secret[] = [];
  for (const id of ids) {
    const record = await readFile(path.join(dataDir, 'sandboxes', id, 'sandbox.json'), 'utf8').catch(() => '');
    const token = /"authToken"\s*:\s*"([^"]+)"/.exec(record)?.[1];
    if (token) tokens.push({ name: `preview token of ${id}`, value: token });
  }
  return tokens;
}

function collect(child: ChildProcessWithoutNullStreams): { text(): string; raw(): string } {
  let text = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  return { text: () => text.split(TOKEN).join('<token>'), raw: () => text };
}

async function lineMatching(child: ChildProcessWithoutNullStreams, pattern: RegExp, exited: Promise<unknown>, output: { text(): string }): Promise<void> {
  const seen = new Promise<void>((resolve) => {
    for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', (line) => pattern.test(line) && resolve());
  });
  const early = exited.then(() => Promise.reject(new Error(`forge preview exited before ${pattern.source}:\n${output.text()}`)));
  await within(Promise.race([seen, early]), WAIT_MS, () => `no line ${pattern.source} in time:\n${output.text()}`);
}

async function within<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message())), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function statesOn(apiUrl: string, apiKey: string): Promise<Left> {
  const daytona = createDaytonaClient({ kind: 'local', apiUrl, apiKey });
  const states: string[] = [];
  for await (const sandbox of daytona.list()) states.push(sandbox.state ?? 'unknown');
  return states.sort();
}

/** The embedded backend is gone with the CLI: start one on the same data directory to look. */
async function statesInDataDir(dataDir: string): Promise<Left> {
  const backend = await startLocalBackend({ dataDir });
  try {
    return await statesOn(backend.apiUrl, backend.apiKey);
  } finally {
    await backend.close();
  }
}

async function serve(dataDir: string): Promise<{ apiUrl: string; apiKey: string; stop(): Promise<void> }> {
  const child = forge(['local', 'serve', '--data', dataDir], { ...process.env, FORGE_LOCAL_API_KEY: '' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const first = await within(
    new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', () => reject(new Error('forge local serve exited before printing its address')));
    }),
    60_000,
    () => 'forge local serve printed no address',
  );
  const { apiUrl, apiKey } = JSON.parse(first) as { apiUrl: string; apiKey: string };
  return {
    apiUrl,
    apiKey,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
