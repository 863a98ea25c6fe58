// What "Preview this repo" takes and gives (run.ts runs it): kept apart so the step helpers (runWork.ts) can name
// them without importing the run itself.
import type { SandboxClient } from '../../daytona/port';
import type { LogStream } from '../logs/lineBatcher';
import type { Preview } from '../preview';
import type { DetectedApp, RepoFacts } from '../types';
import type { Logger } from '../../common/logger';
import type { RemoteRef } from '../refs/refName';
import type { OnErroredSandbox } from './sandboxReuse';
import type { PreviewSettings } from './settings';
import type { ProgressSink, StepTimings } from './steps';
import type { WorkingTreeReader } from './workingTree';

export interface PreviewRequest {
  readonly folder: string;
  readonly daytona: SandboxClient;
  readonly backend: 'daytona' | 'local';
  /** The Daytona target (region) `daytona` creates in: only a sandbox there is reused. Unset: the server's default. */
  readonly target?: string;
  readonly settings: PreviewSettings;
  readonly tree: WorkingTreeReader;
  readonly signal: AbortSignal;
  readonly logger: Logger;
  readonly progress: ProgressSink;
  /** The GitHub token; `interactive` may prompt (only on a user gesture). Undefined when there is none. */
  readonly githubToken: (interactive: boolean) => Promise<string | undefined>;
  /** Asked when the repository holds several apps. Undefined cancels. */
  readonly chooseApp: (apps: readonly DetectedApp[]) => Promise<DetectedApp | undefined>;
  /** Asked when the sandbox to reuse is in error: recover or delete it. Absent: the run stops with a hint. */
  readonly onErroredSandbox?: OnErroredSandbox;
  /** Install and dev-server output, as it arrives. */
  readonly onLog: (text: string, stream: LogStream) => void;
  /** Called as soon as the sandbox is known, so a crash mid-pipeline can find it again. */
  readonly onSandbox?: (sandboxId: string, created: boolean) => void;
  /** Preview this branch / pull request / commit of the remote in its own sandbox instead of the working tree. */
  readonly ref?: RemoteRef;
}

export interface PreviewOutcome {
  readonly preview: Preview;
  readonly previewUrl: string;
  readonly facts: RepoFacts;
  readonly app: DetectedApp;
  readonly reused: boolean;
  readonly installSkipped: boolean;
  readonly timings: StepTimings;
  /** The remote ref previewed, and the commit it pointed at. */
  readonly ref?: { readonly label: string; readonly commit: string };
}
