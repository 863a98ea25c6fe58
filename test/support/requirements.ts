// A test may be skipped only for a requirement this machine truly lacks, and it must say which. skipWithout()
// records the requirement on the test (or, from a `before` hook, on its suite); the reporters copy it into the
// results, and the harness (test/host/verdict.ts) fails the run when that requirement is in fact present or
// when a test is pending without one. No `vscode` import: shared by the unit and integration tiers.

/** What a test may be skipped for. The harness checks each on its own (test/host/requirementProbes.ts). */
export type Requirement = 'bubblewrap' | 'ui-automation';

/** The property skipWithout() sets on a mocha Test or Suite; countingSpecReporter.cjs reads the same name. */
export const REQUIREMENT_KEY = 'forgeRequirement';

interface Tagged {
  [REQUIREMENT_KEY]?: Requirement;
  parent?: Tagged | undefined;
}

/** Marks the current test (or, in a hook, its suite) as needing `requirement`, then skips it. */
export function skipWithout(ctx: Mocha.Context, requirement: Requirement): never {
  // In a hook ctx.test is the hook (type 'hook'): tag its suite, which every test it skips is under.
  const runnable = ctx.test;
  const isHook = (runnable as { type?: string } | undefined)?.type === 'hook';
  const target = (isHook ? runnable?.parent : runnable) as Tagged | undefined;
  if (target) target[REQUIREMENT_KEY] = requirement;
  ctx.skip();
}

/** The requirement a pending test was skipped for, looked up on the test and then on its suites. */
export function requirementOf(test: unknown): Requirement | undefined {
  for (let node = test as Tagged | undefined; node; node = node.parent) {
    const requirement = node[REQUIREMENT_KEY];
    if (requirement) return requirement;
  }
  return undefined;
}
