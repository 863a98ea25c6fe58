// A small concurrent runner: each case is an async function that throws when the behaviour regresses.
// Cases run in lanes (one local backend each), so fault rules of one case never hit another.

export interface CaseResult {
  readonly suite: string;
  readonly name: string;
  /** The distinct behaviour the case checks; parameterised variants of one scenario share it. */
  readonly scenario: string;
  /** Set by a case that showed its message names the cause and the next step (bad inputs). */
  readonly clear?: boolean;
  readonly passed: boolean;
  readonly ms: number;
  readonly error?: string;
  /** Set when the case is a known, reported failure (it still counts as failed). */
  readonly knownFailure?: string;
}

export interface Case<L> {
  readonly suite: string;
  readonly name: string;
  /** Default: the name (a scenario of its own). */
  readonly scenario?: string;
  readonly knownFailure?: string;
  /** Resolves with `{ clear: true }` when the case checked that the user's message names cause and next step. */
  run(lane: L): Promise<void | { readonly clear?: boolean }>;
}

/** Runs `cases` on `lanes` (each lane takes one case at a time), reporting each result as it comes. */
export async function runCases<L>(cases: readonly Case<L>[], lanes: readonly L[], report: (result: CaseResult) => void): Promise<CaseResult[]> {
  const queue = [...cases];
  const results: CaseResult[] = [];
  await Promise.all(
    lanes.map(async (lane) => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const result = await runOne(next, lane);
        results.push(result);
        report(result);
      }
    }),
  );
  return results;
}

export async function runOne<L>(c: Case<L>, lane: L): Promise<CaseResult> {
  const started = performance.now();
  const base = { suite: c.suite, name: c.name, scenario: c.scenario ?? c.name };
  try {
    const outcome = await c.run(lane);
    const ms = Math.round(performance.now() - started);
    // A known failure that passes is news too: it must be looked at, so it fails loudly.
    if (c.knownFailure) return { ...base, passed: false, ms, error: `marked as a known failure (${c.knownFailure}) but passed: remove the mark` };
    return { ...base, passed: true, ms, ...(outcome?.clear ? { clear: true } : {}) };
  } catch (error) {
    const ms = Math.round(performance.now() - started);
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { ...base, passed: false, ms, error: text, ...(c.knownFailure ? { knownFailure: c.knownFailure } : {}) };
  }
}
