// Daytona's sandbox states (apps/api/src/sandbox/enums/sandbox-state.enum.ts, v0.190) grouped the way Forge
// acts on them. No `vscode` import: the pipeline and the tree share these.

/** States in which Daytona is still working on the sandbox: wait, do not reuse or replace it yet. */
export const TRANSITIONAL_STATES: ReadonlySet<string> = new Set([
  'creating',
  'restoring',
  'destroying',
  'starting',
  'stopping',
  'pending_build',
  'building_snapshot',
  'pulling_snapshot',
  'archiving',
  'resizing',
  'snapshotting',
  'forking',
  'pausing',
  'resuming',
]);

/** States Daytona leaves a sandbox in until someone recovers or deletes it. */
export const ERROR_STATES: ReadonlySet<string> = new Set(['error', 'build_failed']);
