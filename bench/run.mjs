#!/usr/bin/env node
// `npm run bench [-- --quick]`: builds Forge, runs every benchmark (one process each, in turn), prints one JSON
// line per result on stdout, progress on stderr, and writes bench/results/latest.json (not committed).
// --quick: each benchmark runs once, with fewer repetitions. --json: also writes bench/results/bench.json (the file
// the README's table is generated from, committed) and regenerates that table. --only a,b: just those benchmarks.
// --fixture vite,next: time-to-preview's fixtures (default all). --merge: with --json, the new lines replace only
// the lines of the same figure (and fixture and caches) in bench.json; the others stay.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
const json = process.argv.includes('--json');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? undefined : new Set((process.argv[onlyAt + 1] ?? '').split(','));
const fixtureAt = process.argv.indexOf('--fixture');
const passOn = [...(quick ? ['--quick'] : []), ...(fixtureAt === -1 ? [] : ['--fixture', process.argv[fixtureAt + 1] ?? ''])];
const merge = process.argv.includes('--merge');
const ts = (file, ...nodeFlags) => [...nodeFlags, '--import', 'tsx', path.join('bench', file)];

// Order matters: `vsix` runs `npm run package`, which replaces dist/ with the production bundle.
const BENCHMARKS = [
  { name: 'tree-refresh', args: [path.join('bench', 'tree-refresh.mjs')] },
  { name: 'log-latency', args: ts('logLatency.ts') },
  { name: 'log-flood', args: ts('logFlood.ts', '--expose-gc') },
  { name: 'local-backend-rss', args: ts('localBackendRss.ts') },
  { name: 'save-to-preview', args: ts('saveToPreview.ts') },
  // Same figure through a real save in code-server ("via": "vscode"); rebuilds dist/ with the test bundle.
  { name: 'save-to-preview-vscode', args: ts('saveToPreviewVscode.ts') },
  { name: 'time-to-preview', args: ts('timeToPreview.ts') },
  { name: 're-preview', args: ts('rePreview.ts') },
  { name: 'activation', args: ts('activation.ts') },
  { name: 'vsix', args: ts('vsix.ts') },
];

const log = (message) => process.stderr.write(`[bench] ${message}\n`);

/** Runs node with args (and the benchmarks' flags, `passOn`); resolves with the JSON lines it printed and its exit code. */
function runNode(args, name, flags = passOn) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...args, ...flags], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    const results = [];
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const value = JSON.parse(line);
        results.push(value);
        process.stdout.write(`${JSON.stringify(value)}\n`);
      } catch {
        log(`${name}: ${line}`);
      }
    });
    const stop = () => child.kill('SIGTERM'); // each benchmark cleans up its own processes and temp dirs
    process.once('SIGINT', stop);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', stop);
      resolve({ results, code: code ?? (signal ? 1 : 0) });
    });
  });
}

async function main() {
  const startedAt = new Date().toISOString();
  log('building (node esbuild.js)');
  const build = await runNode(['esbuild.js'], 'build', []);
  if (build.code !== 0) throw new Error('the build failed');
  const all = [];
  for (const bench of BENCHMARKS.filter((b) => !only || only.has(b.name))) {
    const started = Date.now();
    log(`${bench.name}…`);
    const { results, code } = await runNode(bench.args, bench.name);
    all.push(...results);
    if (code !== 0 && !results.some((r) => r.bench === bench.name)) {
      const failure = { bench: bench.name, error: `exited with code ${code} (see stderr)` };
      all.push(failure);
      process.stdout.write(`${JSON.stringify(failure)}\n`);
    }
    log(`${bench.name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memory_gb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}`, load_avg_at_end: os.loadavg().map((l) => Math.round(l * 100) / 100) };
  const dir = path.join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify({ startedAt, finishedAt: new Date().toISOString(), quick, machine, results: all }, null, 2)}\n`;
  writeFileSync(path.join(dir, quick ? 'latest-quick.json' : 'latest.json'), text);
  log(`results in bench/results/${quick ? 'latest-quick.json' : 'latest.json'}`);
  if (json) {
    const ran = new Set(BENCHMARKS.filter((b) => !only || only.has(b.name)).map((b) => b.name));
    writeFileSync(path.join(dir, 'bench.json'), merge ? mergedInto(path.join(dir, 'bench.json'), all, startedAt, ran) : text);
    log('results in bench/results/bench.json; README table:');
    await runNode(['--import', 'tsx', path.join('bench', 'table.ts')], 'table', []);
  }
  if (all.some((r) => r.error)) process.exitCode = 1;
}

/** Identifies a figure across runs: a new line replaces the old line of the same figure, fixture, caches and way. */
const figureKey = (r) => [r.bench, r.fixture, r.caches, r.via, r.sandbox].join('|');

/** bench.json with the new lines in place of the old ones of the same figures; each merged line says when it ran. */
function mergedInto(file, fresh, startedAt, ran) {
  const old = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { results: [] };
  const stamped = fresh.map((r) => ({ ...r, measured_at: startedAt, ...(quick ? { quick: true } : {}) }));
  const replaced = new Set(stamped.map(figureKey));
  // An old failure of a benchmark that ran again is replaced by whatever it printed this time.
  const kept = (old.results ?? []).filter((r) => !replaced.has(figureKey(r)) && !(r.error && ran.has(r.bench)));
  return `${JSON.stringify({ ...old, results: [...kept, ...stamped] }, null, 2)}\n`;
}

main().catch((error) => {
  log(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
