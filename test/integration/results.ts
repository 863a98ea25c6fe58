// The results file the integration runner writes and the harness polls for. No `vscode` import: shared with test/host.
export type TestState = 'passed' | 'failed' | 'pending';

export interface TestRecord {
  readonly title: string;
  readonly state: TestState;
  readonly error?: string;
  /** For a pending test: what it was skipped for (test/support/requirements.ts); none fails the run. */
  readonly requirement?: string;
}

export interface IntegrationResults {
  readonly passed: number;
  readonly failed: number;
  readonly pending: number;
  readonly tests: readonly TestRecord[];
  readonly vscodeVersion: string;
  readonly appName: string;
}
