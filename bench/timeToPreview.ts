// Time to preview (and warm re-preview): Forge's CLI, the original guide's pipeline (bench/seed) and a plain shell
// (git clone, npm ci, dev server, first HTTP 200), alternated A B C per round, on the local backend, every clone
// from the test git server that requires the token. Forge and the floor run with the same cache state: "warm"
// (this machine's npm cache, filled by the warm-up; Forge sees it as its lower layer) and "cold" (an empty npm
// cache for the floor; no host cache and an empty cache volume for Forge).
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { makeWorkingCopy, type WorkingCopy } from '../test/support/fixtureRepo';
import { git, TEST_GIT_ENV } from '../test/support/git';
import { startGitServer, type GitServer } from '../test/support/gitServer';
import { CLI, QUICK, emit, main, progress, tempDir } from './lib/env';
import { freePort } from './lib/freePort';
import { fetchText, pollUntil } from './lib/http';
import { run, runToEnd } from './lib/proc';
import { bundleSeed } from './lib/seedBundle';
import { median, round } from './lib/stats';

const TOKEN = 'bench-token-3f9c2a';
const FIXTURES = [
  { name: 'vite', dir: 'vite-react', floorDev: (port: number) => ({ args: ['run', 'dev', '--', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], env: {} }) },
  { name: 'express', dir: 'express', floorDev: (port: number) => ({ args: ['start'], env: { PORT: String(port), HOST: '127.0.0.1' } }) },
  // The first answer of `next dev` compiles the page: the heaviest common stack.
  { name: 'next', dir: 'next-app', floorDev: (port: number) => ({ args: ['run', 'dev', '--', '-H', '127.0.0.1', '-p', String(port)], env: { NEXT_TELEMETRY_DISABLED: '1' } }) },
] as const;
type Caches = 'warm' | 'cold';
/** `--fixture next` (or `vite,express`): only those fixtures, e.g. to measure one alone. */
const fixtureAt = process.argv.indexOf('--fixture');
const ONLY = fixtureAt === -1 ? undefined : new Set((process.argv[fixtureAt + 1] ?? '').split(','));
type DevCommand = (port: number) => { args: readonly string[]; env: Record<string, string> };
const ROUNDS = QUICK ? 1 : 3;
const PREVIEW_TIMEOUT_MS = 300_000;

let gitServer: GitServer | undefined;
const seedMs = new Map<string, number>();
interface Sample { readonly ms: number; readonly timings: Record<string, number> }

/** The round whose time is the median, with its step timings (what explains the figure). */
function medianSample(samples: readonly Sample[]): Sample {
  const sorted = [...samples].sort((a, b) => a.ms - b.ms);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? { ms: Number.NaN, timings: {} };
}
const copies: WorkingCopy[] = [];

main(async () => {
  const seedJs = await bundleSeed();
  gitServer = await startGitServer({ token: TOKEN });
  for (const fixture of FIXTURES.filter((f) => !ONLY || ONLY.has(f.name))) {
    const copy = await makeWorkingCopy(fixture.dir, { gitServer, slug: `bench/${fixture.dir}` });
    copies.push(copy);
    const cloneUrl = copy.cloneUrl ?? '';
    // Warm-up: fills npm's cache on this machine (the floor's warm cache, and Forge's lower layer).
    progress(`${fixture.name}: warm-up`);
    await floor(cloneUrl, fixture.floorDev, 'warm');
    for (const caches of ['warm', 'cold'] as const) {
      const samples = { forge: [] as Sample[], seed: [] as number[], floor: [] as number[], re: [] as number[] };
      let seedServed = true;
      for (let round = 0; round < ROUNDS; round++) {
        const f = await forge(copy.dir, caches);
        samples.forge.push(f.first);
        samples.re.push(f.againMs);
        progress(`${fixture.name} ${caches} #${round + 1}: forge ${f.first.ms} ms, re-preview ${f.againMs} ms`);
        // The guide's pipeline has no cache of its own: one measurement per round, in the warm rounds only.
        if (caches === 'warm') {
          const sd = await seed(seedJs, cloneUrl);
          samples.seed.push(sd.ms);
          seedServed &&= sd.served;
          progress(`${fixture.name} #${round + 1}: seed ${sd.ms} ms (preview ${sd.served ? 'served the app' : 'did NOT serve the app'})`);
        }
        const fl = await floor(cloneUrl, fixture.floorDev, caches);
        samples.floor.push(fl);
        progress(`${fixture.name} ${caches} #${round + 1}: floor ${fl} ms`);
      }
      const mid = medianSample(samples.forge);
      seedMs.set(fixture.name, seedMs.get(fixture.name) ?? median(samples.seed));
      emit({ bench: 'time-to-preview', fixture: fixture.name, caches, forge_ms: mid.ms, floor_ms: median(samples.floor), seed_ms: seedMs.get(fixture.name), forge_steps: mid.timings, runs: ROUNDS, ...(caches === 'warm' ? { seed_served_app: seedServed } : {}) });
      if (caches === 'warm') emit({ bench: 're-preview', fixture: fixture.name, sandbox: 'stopped', forge_ms: median(samples.re), runs: ROUNDS });
    }
    await newBranch(fixture.name, copy, fixture.floorDev);
  }
}, async () => {
  for (const copy of copies) await copy.cleanup();
  await gitServer?.close();
});

/**
 * `forge preview` in a fresh data dir (new sandbox, empty cache volume, no prebuilds), SIGTERM (stops it), then
 * again in the same dir (re-preview of the stopped sandbox). Cold: no host cache either.
 */
async function forge(folder: string, caches: Caches): Promise<{ first: Sample; againMs: number }> {
  const data = tempDir('forge-data');
  try {
    const first = await forgeOnce(folder, data, caches);
    const again = await forgeOnce(folder, data, caches);
    return { first, againMs: again.ms };
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

async function forgeOnce(folder: string, data: string, caches: Caches, beforeStop?: () => Promise<void>): Promise<Sample> {
  const env = { ...process.env, ...TEST_GIT_ENV, FORGE_GITHUB_HOST: gitServer?.baseUrl ?? '', GITHUB_TOKEN: TOKEN, ...(caches === 'cold' ? { FORGE_LOCAL_HOST_CACHE: '0' } : {}) };
  const started = performance.now();
  const cli = run(process.execPath, [CLI, 'preview', folder, '--json', '--backend', 'local', '--data', data], { env });
  try {
    const line = await cli.waitForLine((l) => l.startsWith('{'), PREVIEW_TIMEOUT_MS);
    const ms = Math.round(performance.now() - started);
    const { previewUrl, timings } = JSON.parse(line) as { previewUrl: string; timings: Record<string, number> };
    const page = await fetchText(previewUrl);
    if (page?.status !== 200) throw new Error(`forge's preview URL answered ${page?.status ?? 'nothing'}`);
    progress(`  forge steps (ms): ${JSON.stringify(timings)}`);
    await beforeStop?.();
    return { ms, timings };
  } finally {
    await cli.stop(60_000);
  }
}

/**
 * A new branch of a repository Forge previewed before, same lockfile: one data dir, a preview of the current
 * branch (its install is kept as a prebuild), then per round a new pushed branch (a new sandbox). The floor is a
 * warm shell: a new clone and `npm ci` from this machine's cache.
 */
async function newBranch(name: string, copy: WorkingCopy, dev: DevCommand): Promise<void> {
  const data = tempDir('forge-branch');
  await forgeOnce(copy.dir, data, 'warm', () => prebuildKept(data));
  const forgeSamples: Sample[] = [];
  const floors: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const branch = `bench-branch-${Date.now().toString(36)}-${round}`;
    await git(copy.dir, ['checkout', '-q', '-b', branch]);
    await git(copy.dir, [...(gitServer?.authArgs() ?? []), 'push', '-q', 'origin', `HEAD:refs/heads/${branch}`]);
    const f = await forgeOnce(copy.dir, data, 'warm');
    forgeSamples.push(f);
    const fl = await floor(copy.cloneUrl ?? '', dev, 'warm');
    floors.push(fl);
    progress(`${name} new branch #${round + 1}: forge ${f.ms} ms (install ${f.timings['install'] ?? '?'} ms), floor ${fl} ms`);
  }
  const mid = medianSample(forgeSamples);
  emit({ bench: 'new-branch', fixture: name, forge_ms: mid.ms, floor_ms: median(floors), forge_steps: mid.timings, runs: ROUNDS });
  rmSync(data, { recursive: true, force: true });
}

/** Resolves once a prebuild tar file is in the data dir's volumes (it is written while the dev server starts). */
async function prebuildKept(data: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  const found = (): boolean => (readdirSync(data, { recursive: true }) as string[]).some((f) => /prebuilds\/[0-9a-f]+\/[^/]+\.tar$/.test(f));
  while (!found()) {
    if (Date.now() > deadline) throw new Error('no prebuild was kept after 120 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The guide's pipeline as its own process (bundled like the CLI), from start to the URL it reports. */
async function seed(seedJs: string, cloneUrl: string): Promise<{ ms: number; served: boolean }> {
  const data = tempDir('seed-data');
  const started = performance.now();
  const child = run(process.execPath, [seedJs, cloneUrl, '--data', data], { env: { ...process.env, GITHUB_TOKEN: TOKEN } });
  try {
    const line = await child.waitForLine((l) => l.startsWith('{'), PREVIEW_TIMEOUT_MS);
    const ms = Math.round(performance.now() - started);
    const { previewUrl } = JSON.parse(line) as { previewUrl: string };
    const page = await fetchText(previewUrl);
    if (page?.status !== 200) progress(`seed: its preview URL answered ${page ? `${page.status} ${page.text.slice(0, 120).replace(/\s+/g, " ")}` : "nothing"}`);
    return { ms, served: page?.status === 200 };
  } finally {
    await child.stop(60_000);
    rmSync(data, { recursive: true, force: true });
  }
}

/** No Forge, no SDK: what a shell does. From `git clone` to the dev server's first HTTP 200. */
async function floor(cloneUrl: string, dev: DevCommand, caches: Caches): Promise<number> {
  const work = tempDir('floor');
  // Cold: an npm cache of its own, empty (removed with the work dir).
  const npmEnv = caches === 'cold' ? { npm_config_cache: path.join(work, 'npm-cache') } : {};
  const dir = path.join(work, 'app');
  const port = await freePort();
  const { args, env } = dev(port);
  const started = performance.now();
  const authed = cloneUrl.replace(/^(https?:\/\/)/, `$1x-access-token:${TOKEN}@`);
  await runToEnd('git', ['clone', '-q', authed, dir], { env: { ...process.env, ...TEST_GIT_ENV } });
  await runToEnd('npm', ['ci'], { cwd: dir, env: { ...process.env, ...npmEnv } });
  const server = run('npm', [...args], { cwd: dir, env: { ...process.env, ...npmEnv, ...env } });
  try {
    await Promise.race([pollUntil(`http://127.0.0.1:${port}/`, PREVIEW_TIMEOUT_MS), server.exited.then((c) => Promise.reject(new Error(`dev server exited (${c}):\n${server.tail()}`)))]);
    return round(performance.now() - started);
  } finally {
    await server.stop(10_000);
    rmSync(work, { recursive: true, force: true });
  }
}
