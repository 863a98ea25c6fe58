// The named steps of "Preview this repo", in order. Progress, timings and errors are reported per step.

export const STEPS = ['repo', 'auth', 'sandbox', 'code', 'detect', 'install', 'devServer', 'ready', 'preview'] as const;
export type StepName = (typeof STEPS)[number];

export const STEP_TITLES: Readonly<Record<StepName, string>> = {
  repo: 'Reading the repository',
  auth: 'Checking access to the repository',
  sandbox: 'Preparing the sandbox',
  code: 'Bringing the code into the sandbox',
  detect: 'Detecting the framework',
  install: 'Installing dependencies',
  devServer: 'Starting the dev server',
  ready: 'Waiting for the dev server to answer',
  preview: 'Opening the preview',
};

/** Receives step events. The VS Code layer turns them into a progress notification; the CLI into stderr lines. */
export interface ProgressSink {
  /** A step begins. */
  begin(step: StepName, title: string): void;
  /** More detail on the running step (e.g. "uploading 12 changed files"). */
  detail(step: StepName, message: string): void;
  /** A step ended, successfully or skipped. */
  end(step: StepName, durationMs: number, note?: string): void;
}

export type StepTimings = Partial<Record<StepName, number>>;
