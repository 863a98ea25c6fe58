// Whether a run passed: a pure function of what the checks and tiers reported and which skip requirements this
// machine meets, so a unit test can show each guard failing the run (test/unit/harnessVerdict.test.ts).
import type { TestRecord } from '../integration/results';
import type { CheckResult } from './checks';
import type { TierResult } from './results';

export interface VerdictInput {
  readonly checks: readonly CheckResult[];
  readonly tiers: readonly TierResult[];
  /** Skip requirements (test/support/requirements.ts) this machine meets, per tier: a test skipped for one of them fails the run. */
  readonly present: (requirement: string, tier: TierResult) => boolean;
}

export interface PendingTest {
  readonly tier: string;
  readonly title: string;
  readonly reason: string;
  /** True when the skip is not allowed here: no requirement recorded, or the requirement is met. */
  readonly wrong: boolean;
}

export interface Verdict {
  readonly ok: boolean;
  /** One line per reason the run failed. */
  readonly problems: readonly string[];
  readonly pending: readonly PendingTest[];
}

export function decide(input: VerdictInput): Verdict {
  const problems: string[] = [];
  for (const check of input.checks) if (!check.ok) problems.push(`${check.name} failed`);
  const pending: PendingTest[] = [];
  for (const tier of input.tiers) {
    if (tier.failed > 0) problems.push(`${tier.name}: ${tier.failed} failed`);
    // Each tier guards itself: what another tier ran never makes up for a tier that ran nothing.
    if (tier.passed + tier.failed === 0) problems.push(`${tier.name}: ran no tests`);
    const skipped = tier.tests.filter((t) => t.state === 'pending');
    if (skipped.length !== tier.pending) problems.push(`${tier.name}: ${tier.pending} pending but ${skipped.length} listed`);
    for (const test of skipped) pending.push(judgePending(test, tier, input.present));
  }
  const wrong = pending.filter((p) => p.wrong);
  if (wrong.length > 0) problems.push(`${wrong.length} test(s) pending where they could run`);
  return { ok: problems.length === 0, problems, pending };
}

function judgePending(test: TestRecord, tier: TierResult, present: VerdictInput['present']): PendingTest {
  const base = { tier: tier.name, title: test.title };
  if (!test.requirement) return { ...base, reason: 'skipped without a recorded requirement', wrong: true };
  if (present(test.requirement, tier)) return { ...base, reason: `skipped for ${test.requirement}, which this machine has`, wrong: true };
  return { ...base, reason: `needs ${test.requirement}, absent here`, wrong: false };
}
