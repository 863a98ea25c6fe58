// The harness's pass/fail decision (test/host/verdict.ts): each tier guards itself, and a pending test fails the
// run unless its recorded requirement is truly absent here.
import * as assert from 'node:assert/strict';
import type { TestRecord } from '../integration/results';
import type { TierResult } from '../host/results';
import { decide } from '../host/verdict';

const ok = [{ name: 'typecheck', ok: true, seconds: 1 }];
const TIER_NAMES = ['unit', 'integration', 'packaged', 'reliability'] as const;

function tier(name: string, tests: readonly TestRecord[], extra: Partial<TierResult> = {}): TierResult {
  const count = (state: TestRecord['state']): number => tests.filter((t) => t.state === state).length;
  return { name, passed: count('passed'), failed: count('failed'), pending: count('pending'), tests, seconds: 1, ...extra };
}
const passing = (name: string): TierResult => tier(name, [{ title: `${name} works`, state: 'passed' }]);
const nothingPresent = (): boolean => false;

describe('test harness: the verdict', () => {
  it('passes a run where every tier ran tests and all passed', () => {
    const verdict = decide({ checks: ok, tiers: TIER_NAMES.map(passing), present: nothingPresent });
    assert.deepEqual(verdict, { ok: true, problems: [], pending: [] });
  });

  for (const emptied of TIER_NAMES) {
    it(`fails the run when the ${emptied} tier ran no tests, whatever the others did`, () => {
      const tiers = TIER_NAMES.map((name) => (name === emptied ? tier(name, []) : passing(name)));
      const verdict = decide({ checks: ok, tiers, present: nothingPresent });
      assert.equal(verdict.ok, false);
      assert.deepEqual(verdict.problems, [`${emptied}: ran no tests`]);
    });
  }

  it('counts a tier whose tests were all pending as having run nothing', () => {
    const unit = tier('unit', [{ title: 'isolated', state: 'pending', requirement: 'bubblewrap' }]);
    assert.deepEqual(decide({ checks: ok, tiers: [unit], present: nothingPresent }).problems, ['unit: ran no tests']);
  });

  it('fails on a failed test, a failed check, or a count that disagrees with the list', () => {
    const failed = tier('unit', [{ title: 'a', state: 'passed' }, { title: 'b', state: 'failed' }]);
    assert.deepEqual(decide({ checks: [{ name: 'lint', ok: false, seconds: 1 }], tiers: [failed], present: nothingPresent }).problems, ['lint failed', 'unit: 1 failed']);
    const miscounted = tier('unit', [{ title: 'a', state: 'passed' }], { pending: 3 });
    assert.deepEqual(decide({ checks: ok, tiers: [miscounted], present: nothingPresent }).problems, ['unit: 3 pending but 0 listed']);
  });

  it('lets a test be pending only for a recorded requirement that is absent, and lists every pending test', () => {
    const tests: TestRecord[] = [
      { title: 'runs', state: 'passed' },
      { title: 'isolated', state: 'pending', requirement: 'bubblewrap' },
      { title: 'screenshot', state: 'pending', requirement: 'ui-automation' },
    ];
    const absent = decide({ checks: ok, tiers: [tier('unit', tests)], present: nothingPresent });
    assert.equal(absent.ok, true);
    assert.deepEqual(
      absent.pending.map((p) => [p.title, p.wrong]),
      [
        ['isolated', false],
        ['screenshot', false],
      ],
    );

    const withBwrap = decide({ checks: ok, tiers: [tier('unit', tests)], present: (r) => r === 'bubblewrap' });
    assert.equal(withBwrap.ok, false);
    assert.deepEqual(withBwrap.problems, ['1 test(s) pending where they could run']);
    assert.match(withBwrap.pending[0]?.reason ?? '', /skipped for bubblewrap, which this machine has/);
  });

  it('fails a test skipped without a recorded requirement (it.skip, a bare this.skip())', () => {
    const tests: TestRecord[] = [
      { title: 'runs', state: 'passed' },
      { title: 'forgotten', state: 'pending' },
    ];
    const verdict = decide({ checks: ok, tiers: [tier('integration', tests)], present: nothingPresent });
    assert.equal(verdict.ok, false);
    assert.deepEqual(verdict.pending, [{ tier: 'integration', title: 'forgotten', reason: 'skipped without a recorded requirement', wrong: true }]);
  });
});
