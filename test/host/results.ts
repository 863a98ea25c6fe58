// What each tier reports back to the orchestrator.
import type { TestRecord } from '../integration/results';

export interface TierResult {
  readonly name: string;
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly tests: readonly TestRecord[];
  /** Set by the integration tier: the VS Code version the suites ran in. */
  readonly vscodeVersion?: string;
  readonly host?: string;
  /** Why the tier could not produce results (counted as a failure). */
  readonly problem?: string;
  readonly seconds: number;
}

export function failedTier(name: string, problem: string, started: number): TierResult {
  return { name, passed: 0, failed: 1, pending: 0, tests: [], problem, seconds: (Date.now() - started) / 1000 };
}
