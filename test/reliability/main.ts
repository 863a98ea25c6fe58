// `npm run reliability [-- --json] [--grep <text>] [--lanes <n>] [--full]`: the reliability and security suite.
// Fault matrix and bad inputs run concurrently on lanes (one local backend each); load and restart run afterwards
// on their own. With --json, stdout carries one summary line only; every detail goes to stderr.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startGitServer } from '../support/gitServer';
import { TOKEN } from '../unit/core/pipeline/harness';
import { startLane, type Lane } from './kit/lane';
import { runCases, type Case, type CaseResult } from './kit/runner';
import { metrics, seenPreviewTokens } from './kit/scenario';
import { useRunTempDir } from './kit/tempScan';
import { attackCases, attackFigures } from './suites/attacks';
import { badInputCases } from './suites/badInputs';
import { faultMatrixCases } from './suites/faultMatrix';
import { loadCases, loadFigures } from './suites/load';
import { outageCases } from './suites/outages';
import { restartCases } from './suites/restart';
import { secretCases } from './suites/secrets';
import { signalCases } from './suites/signals';

/** Cases mostly wait (on timeouts, dev servers, retries), so more lanes than cores pay off; measured on 2 cores. */
const DEFAULT_LANES = 12;

export interface ReliabilitySummary {
  readonly faultCases: number;
  readonly faultCasesPassed: number;
  /** Distinct fault behaviours; a call × fault product counts once per fault (its variants are in faultVariants). */
  readonly faultScenarios: number;
  readonly faultVariants: number;
  readonly badInputs: number;
  readonly badInputsClear: number;
  readonly orphanedSandboxes: number;
  readonly secretLeaks: number;
  /** The most previews the extension's forge.maxConcurrentPreviews guard (PreviewGate) let run at once in the load case. */
  readonly concurrentPreviews: number;
  /** What that guard admitted, made wait first, and refused (a repeat of a repository being set up). */
  readonly previewsAdmitted: number;
  readonly previewsWaited: number;
  readonly previewsRefused: number;
  /** `forge preview` stopped by SIGINT/SIGTERM × step × --on-exit × backend, and how many left exactly what the choice says. */
  readonly signalStops: number;
  readonly signalStopsClean: number;
  readonly attacks: number;
  readonly attacksBlocked: number;
}

export interface ReliabilityRun {
  readonly summary: ReliabilitySummary;
  readonly results: readonly CaseResult[];
  readonly seconds: number;
}

export async function runReliability(options: { grep?: string; lanes?: number; full?: boolean; print: (line: string) => void }): Promise<ReliabilityRun> {
  const started = Date.now();
  const match = (c: Case<Lane>): boolean => !options.grep || `${c.suite}: ${c.name}`.toLowerCase().includes(options.grep.toLowerCase());
  // The slow cases (hangs past a timeout) go first, so the lanes finish at about the same time.
  const slow = (c: Case<Lane>): number => (/hangs|never opens|bound to 127|does not let up|network lost|for good|goes down/.test(c.name) ? 0 : 1);
  const laneCases = [...faultMatrixCases(), ...outageCases(), ...badInputCases(), ...secretCases(), ...signalCases(), ...attackCases()].filter(match).sort((a, b) => slow(a) - slow(b));
  const soloCases = [...loadCases(options.full ?? false), ...restartCases()].filter(match);
  // Before anything writes a temp file: this run's own temp directory, scanned for secrets at the end.
  const temp = useRunTempDir();
  const git = await startGitServer({ token: TOKEN });
  const lanes: Lane[] = [];
  const results: CaseResult[] = [];
  const report = (r: CaseResult): void => {
    options.print(`${r.passed ? '  ✔' : '  ✖'} [${r.suite}] ${r.name} (${(r.ms / 1000).toFixed(1)} s)${r.knownFailure ? ` — known failure: ${r.knownFailure}` : ''}`);
    if (!r.passed && r.error) options.print(r.error.split('\n').slice(0, 12).map((l) => `      ${l}`).join('\n'));
  };
  try {
    const laneCount = Math.max(1, Math.min(options.lanes ?? DEFAULT_LANES, laneCases.length));
    for (let i = 0; i < laneCount; i++) lanes.push(await startLane(`lane${i}`, git));
    results.push(...(await runCases(laneCases, lanes, report)));
    if (soloCases.length > 0) {
      const solo = lanes[0] ?? (await startLane('solo', git));
      if (!lanes.includes(solo)) lanes.push(solo);
      results.push(...(await runCases(soloCases, [solo], report)));
    }
  } finally {
    await Promise.all(lanes.map((l) => l.close()));
    await git.close();
  }
  // Only after cases ran: a run of zero cases must still fail as one.
  if (results.length > 0) {
    const scanned = await scanTempDir(temp, lanes);
    report(scanned);
    results.push(scanned);
  } else temp.dispose();
  return { summary: summarise(results), results, seconds: (Date.now() - started) / 1000 };
}

/** The end-of-run case: nothing left in the run's temp directory holds the token, a lane's key or a preview token. */
async function scanTempDir(temp: ReturnType<typeof useRunTempDir>, lanes: readonly Lane[]): Promise<CaseResult> {
  const started = Date.now();
  const secrets = [{ name: 'GitHub token', value: TOKEN }, ...lanes.map((l) => ({ name: `API key of ${l.name}`, value: l.backend.apiKey })), ...[...seenPreviewTokens].map((value, i) => ({ name: `preview token ${i + 1}`, value }))];
  try {
    const leaks = await temp.scan(secrets, lanes.map((l) => l.dataDir));
    metrics.secretLeaks += leaks.length;
    const error = leaks.length > 0 ? `secrets left in the temp directory: ${leaks.map((l) => `${l.secret} in ${l.where}`).join('; ')}` : undefined;
    const name = "nothing left in the run's temp directory holds the token, a key or a preview token";
    return { suite: 'secrets', name, scenario: name, passed: !error, ms: Date.now() - started, ...(error ? { error } : {}) };
  } finally {
    temp.dispose();
  }
}

/** One figure per line: a suite added later (e.g. attacks) adds its own lines here. */
function summarise(results: readonly CaseResult[]): ReliabilitySummary {
  const of = (suite: string): CaseResult[] => results.filter((r) => r.suite === suite);
  const faults = of('fault matrix');
  return {
    faultCases: faults.length,
    faultCasesPassed: faults.filter((r) => r.passed).length,
    faultScenarios: new Set(faults.map((r) => r.scenario)).size,
    faultVariants: faults.length,
    badInputs: of('bad inputs').length,
    // Only cases that checked, against their own input, that the message names the cause and the next step.
    badInputsClear: of('bad inputs').filter((r) => r.passed && r.clear).length,
    orphanedSandboxes: metrics.orphanedSandboxes,
    secretLeaks: metrics.secretLeaks,
    concurrentPreviews: loadFigures.concurrentPreviews,
    previewsAdmitted: loadFigures.previewsAdmitted,
    previewsWaited: loadFigures.previewsWaited,
    previewsRefused: loadFigures.previewsRefused,
    signalStops: of('signals').length,
    signalStopsClean: of('signals').filter((r) => r.passed).length,
    ...attackFigures(of('attacks')),
  };
}

export async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      json: { type: 'boolean', default: false },
      grep: { type: 'string' },
      lanes: { type: 'string' },
      full: { type: 'boolean', default: false },
      // For `npm test` (test/host/reliabilityTier.ts): per-case results as JSON.
      results: { type: 'string' },
    },
  });
  const print = (line: string): void => {
    (values.json ? process.stderr : process.stdout).write(`${line}\n`);
  };
  const run = await runReliability({ ...(values.grep ? { grep: values.grep } : {}), ...(values.lanes ? { lanes: Number(values.lanes) } : {}), full: values.full, print });
  const failed = run.results.filter((r) => !r.passed);
  print(`\n[reliability] ${run.results.length - failed.length} passed, ${failed.length} failed in ${run.seconds.toFixed(1)} s`);
  for (const f of failed) print(`  ✖ [${f.suite}] ${f.name}${f.knownFailure ? ` (known failure: ${f.knownFailure})` : ''}`);
  if (loadFigures.maxStallMs !== undefined) print(`[reliability] log flood: ${loadFigures.linesDelivered} lines in ${loadFigures.floodSeconds} s, event loop max stall ${loadFigures.maxStallMs} ms`);
  if (values.results) {
    const tests = run.results.map((r) => ({ title: `[${r.suite}] ${r.name}`, state: r.passed ? 'passed' : 'failed', ...(r.error ? { error: r.error } : {}) }));
    writeFileSync(values.results, JSON.stringify({ passed: run.results.length - failed.length, failed: failed.length, pending: 0, tests, summary: run.summary }));
  }
  const line = JSON.stringify(run.summary);
  if (values.json) process.stdout.write(`${line}\n`);
  else print(line);
  const clean = failed.length === 0 && run.summary.orphanedSandboxes === 0 && run.summary.secretLeaks === 0 && run.results.length > 0;
  return clean ? 0 : 1;
}
