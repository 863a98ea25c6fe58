// The reliability tier of `npm test`: `npm run reliability` (test/reliability) in a child process, output live, its
// per-case results read back so they join the closing `N passed, N failed` line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestRecord } from '../integration/results';
import { repoRoot } from './paths';
import { runStreaming } from './proc';
import type { TierResult } from './results';
import { makeTempDir } from './tempDir';

export async function runReliabilityTier(grep?: string): Promise<TierResult> {
  const started = Date.now();
  const temp = makeTempDir('forge-reliability-');
  const resultsFile = path.join(temp.path, 'results.json');
  try {
    const args = [path.join(repoRoot, 'scripts', 'reliability.mjs'), '--results', resultsFile, ...(grep ? ['--grep', grep] : [])];
    const code = await runStreaming(process.execPath, args, { cwd: repoRoot, timeoutMs: 20 * 60_000 });
    const seconds = (Date.now() - started) / 1000;
    if (!fs.existsSync(resultsFile)) return { name: 'reliability', passed: 0, failed: 1, pending: 0, tests: [], problem: `the reliability run exited with code ${code} before reporting`, seconds };
    const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as { passed: number; failed: number; tests: TestRecord[] };
    // Orphaned sandboxes or leaked secrets fail the run even when every case passed.
    const problem = code !== 0 && results.failed === 0 ? `the reliability run exited with code ${code}` : undefined;
    return { name: 'reliability', passed: results.passed, failed: results.failed + (problem ? 1 : 0), pending: 0, tests: results.tests, seconds, ...(problem ? { problem } : {}) };
  } finally {
    temp.remove();
  }
}
