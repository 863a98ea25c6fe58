// The unit tier: mocha over test/unit/** (config in .mocharc.json), output live, counts through the reporter.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestRecord } from '../integration/results';
import { repoRoot } from './paths';
import { runStreaming } from './proc';
import type { TierResult } from './results';
import { makeTempDir } from './tempDir';

interface Counts {
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly tests: readonly TestRecord[];
}

export async function runUnitTier(grep?: string): Promise<TierResult> {
  const started = Date.now();
  const temp = makeTempDir('forge-unit-');
  const countsFile = path.join(temp.path, 'counts.json');
  try {
    const args = ['--reporter', path.join(__dirname, 'countingSpecReporter.cjs'), ...(grep ? ['--grep', grep] : [])];
    const code = await runStreaming(path.join(repoRoot, 'node_modules', '.bin', 'mocha'), args, {
      cwd: repoRoot,
      env: { ...process.env, FORGE_TEST_COUNTS: countsFile },
    });
    const seconds = (Date.now() - started) / 1000;
    const counts = fs.existsSync(countsFile) ? (JSON.parse(fs.readFileSync(countsFile, 'utf8')) as Counts) : undefined;
    if (!counts) return { name: 'unit', passed: 0, failed: 1, pending: 0, tests: [], problem: `mocha exited with code ${code} before reporting`, seconds };
    // A non-zero exit without a failed test (an error while loading a file, a leaked handle) still fails the tier.
    const problem = code !== 0 && counts.failed === 0 ? `mocha exited with code ${code}` : undefined;
    return { name: 'unit', ...counts, failed: counts.failed + (problem ? 1 : 0), seconds, ...(problem ? { problem } : {}) };
  } finally {
    temp.remove();
  }
}
