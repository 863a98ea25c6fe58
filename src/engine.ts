// The lazily loaded half of Forge: everything that needs the Daytona SDK or the local backend. The VS Code
// layer requires dist/engine.js on first use (see src/vscode/engineLoader.ts) so that activation stays light.
export { createDaytonaClient, listSandboxes, runSandboxAction, toForgeError, type BackendConnection, type SandboxSummary, type SandboxAction } from './core/connect';
export { runPreview, sandboxKey, type PreviewRequest, type PreviewOutcome } from './core/pipeline/run';
export { Preview, type PreviewInfo, type Health, type SignedUrl } from './core/preview';
export { LineBatcher } from './core/logs/lineBatcher';
export { startLocalBackend, type LocalBackend, type LocalBackendOptions } from './local';
export { createWorkingTreeReader } from './core/pipeline/defaultWorkingTree';
export { startPreviewSync, type PreviewSync, type PreviewSyncOptions } from './core/sync/previewSync';
export { listPreviewRefs, type PreviewRefChoices } from './core/refs/previewRefs';
export { parseRef, refLabel, type RemoteRef } from './core/refs/refName';
export { listSandboxPorts } from './core/connect';
export { readDevcontainer } from './core/devcontainer/parse';
export { PreviewSession, type SessionDeps, type SessionOutput } from './core/session/previewSession';
export { previewOrReuse, type SessionRequest, type SessionRun } from './core/session/rePreview';
export { withSandboxErrors } from './core/session/sessionErrors';
