// Daytona's in-sandbox daemon toolbox operations, and whether the local backend serves each: every operation of
// the v0.190.0 swagger (daytonaio/daytona apps/daemon/pkg/toolbox/docs/swagger.json) and every one SDK 0.218's
// generated toolbox client (@daytona/toolbox-api-client, src/api/*-api.js) calls; computer use as one row.
// Beyond this list the toolbox also serves /process/pty/create-connect (a WebSocket PtyHandle opens).
// test/unit/local/toolbox/operations.test.ts reads the client's API classes and checks that each of their
// operations is here, that every `served` row reaches a handler and every other one does not, and that
// src/local/README.md's table says the same.
export interface DaytonaOperation {
  readonly id: string;
  /** `ANY` only for the computer-use row. */
  readonly method: 'GET' | 'POST' | 'DELETE' | 'ANY';
  /** The path; `/computeruse/*` stands for every computer-use operation. */
  readonly path: string;
  readonly served: boolean;
  /** Why not (for `served: false`). */
  readonly note?: string;
  /** A WebSocket route (GET with an upgrade). */
  readonly websocket?: boolean;
  /** Only in SDK 0.218's client, not in the v0.190 swagger. */
  readonly newer?: boolean;
}

export const DAYTONA_TOOLBOX_OPERATIONS: readonly DaytonaOperation[] = [
  { id: 'DeleteFile', method: 'DELETE', path: '/files', served: true },
  { id: 'ListFiles', method: 'GET', path: '/files', served: true },
  { id: 'DownloadFiles', method: 'POST', path: '/files/bulk-download', served: true },
  { id: 'UploadFiles', method: 'POST', path: '/files/bulk-upload', served: true },
  { id: 'DownloadFile', method: 'GET', path: '/files/download', served: true },
  { id: 'FindInFiles', method: 'GET', path: '/files/find', served: true },
  { id: 'CreateFolder', method: 'POST', path: '/files/folder', served: true },
  { id: 'GetFileInfo', method: 'GET', path: '/files/info', served: true },
  { id: 'MoveFile', method: 'POST', path: '/files/move', served: true },
  { id: 'SetFilePermissions', method: 'POST', path: '/files/permissions', served: true },
  { id: 'ReplaceInFiles', method: 'POST', path: '/files/replace', served: true },
  { id: 'SearchFiles', method: 'GET', path: '/files/search', served: true },
  { id: 'UploadFile', method: 'POST', path: '/files/upload', served: true },
  { id: 'AddFiles', method: 'POST', path: '/git/add', served: true },
  { id: 'DeleteBranch', method: 'DELETE', path: '/git/branches', served: true },
  { id: 'ListBranches', method: 'GET', path: '/git/branches', served: true },
  { id: 'CreateBranch', method: 'POST', path: '/git/branches', served: true },
  { id: 'CheckoutBranch', method: 'POST', path: '/git/checkout', served: true },
  { id: 'CloneRepository', method: 'POST', path: '/git/clone', served: true },
  { id: 'CommitChanges', method: 'POST', path: '/git/commit', served: true },
  { id: 'GetCommitHistory', method: 'GET', path: '/git/history', served: true },
  { id: 'PullChanges', method: 'POST', path: '/git/pull', served: true },
  { id: 'PushChanges', method: 'POST', path: '/git/push', served: true },
  { id: 'GetStatus', method: 'GET', path: '/git/status', served: true },
  { id: 'Initialize', method: 'POST', path: '/init', served: true },
  { id: 'Completions', method: 'POST', path: '/lsp/completions', served: false, note: 'LSP: not implemented' },
  { id: 'DidClose', method: 'POST', path: '/lsp/did-close', served: false, note: 'LSP: not implemented' },
  { id: 'DidOpen', method: 'POST', path: '/lsp/did-open', served: false, note: 'LSP: not implemented' },
  { id: 'DocumentSymbols', method: 'GET', path: '/lsp/document-symbols', served: false, note: 'LSP: not implemented' },
  { id: 'Start', method: 'POST', path: '/lsp/start', served: false, note: 'LSP: not implemented' },
  { id: 'Stop', method: 'POST', path: '/lsp/stop', served: false, note: 'LSP: not implemented' },
  { id: 'WorkspaceSymbols', method: 'GET', path: '/lsp/workspacesymbols', served: false, note: 'LSP: not implemented' },
  { id: 'GetPorts', method: 'GET', path: '/port', served: true },
  { id: 'IsPortInUse', method: 'GET', path: '/port/{port}/in-use', served: true },
  { id: 'CodeRun', method: 'POST', path: '/process/code-run', served: true },
  { id: 'ExecuteCommand', method: 'POST', path: '/process/execute', served: true },
  { id: 'ListInterpreterContexts', method: 'GET', path: '/process/interpreter/context', served: true },
  { id: 'CreateInterpreterContext', method: 'POST', path: '/process/interpreter/context', served: true },
  { id: 'DeleteInterpreterContext', method: 'DELETE', path: '/process/interpreter/context/{id}', served: true },
  { id: 'ExecuteInterpreterCode', method: 'GET', path: '/process/interpreter/execute', served: true, websocket: true },
  { id: 'ListPtySessions', method: 'GET', path: '/process/pty', served: true },
  { id: 'CreatePtySession', method: 'POST', path: '/process/pty', served: true },
  { id: 'DeletePtySession', method: 'DELETE', path: '/process/pty/{sessionId}', served: true },
  { id: 'GetPtySession', method: 'GET', path: '/process/pty/{sessionId}', served: true },
  { id: 'ConnectPtySession', method: 'GET', path: '/process/pty/{sessionId}/connect', served: true, websocket: true },
  { id: 'ResizePtySession', method: 'POST', path: '/process/pty/{sessionId}/resize', served: true },
  { id: 'ListSessions', method: 'GET', path: '/process/session', served: true },
  { id: 'CreateSession', method: 'POST', path: '/process/session', served: true },
  { id: 'GetEntrypointSession', method: 'GET', path: '/process/session/entrypoint', served: true },
  { id: 'GetEntrypointLogs', method: 'GET', path: '/process/session/entrypoint/logs', served: true },
  { id: 'DeleteSession', method: 'DELETE', path: '/process/session/{sessionId}', served: true },
  { id: 'GetSession', method: 'GET', path: '/process/session/{sessionId}', served: true },
  { id: 'GetSessionCommand', method: 'GET', path: '/process/session/{sessionId}/command/{commandId}', served: true },
  { id: 'SendInput', method: 'POST', path: '/process/session/{sessionId}/command/{commandId}/input', served: true },
  { id: 'GetSessionCommandLogs', method: 'GET', path: '/process/session/{sessionId}/command/{commandId}/logs', served: true },
  { id: 'SessionExecuteCommand', method: 'POST', path: '/process/session/{sessionId}/exec', served: true },
  { id: 'GetUserHomeDir', method: 'GET', path: '/user-home-dir', served: true },
  { id: 'GetVersion', method: 'GET', path: '/version', served: true },
  { id: 'GetWorkDir', method: 'GET', path: '/work-dir', served: true },
  { id: 'UpdateEnv', method: 'POST', path: '/env', served: false, note: 'not implemented', newer: true },
  { id: 'UploadFile', method: 'POST', path: '/files/upload-v2', served: false, note: 'signed URLs: not implemented', newer: true },
  { id: 'GetGitConfig', method: 'GET', path: '/git/config', served: true, newer: true },
  { id: 'SetGitConfig', method: 'POST', path: '/git/config', served: true, newer: true },
  { id: 'ConfigureUser', method: 'POST', path: '/git/config/user', served: true, newer: true },
  { id: 'Authenticate', method: 'POST', path: '/git/credentials', served: true, newer: true },
  { id: 'InitRepository', method: 'POST', path: '/git/init', served: true, newer: true },
  { id: 'ListRemotes', method: 'GET', path: '/git/remotes', served: true, newer: true },
  { id: 'AddRemote', method: 'POST', path: '/git/remotes', served: true, newer: true },
  { id: 'ResetChanges', method: 'POST', path: '/git/reset', served: true, newer: true },
  { id: 'RestoreFiles', method: 'POST', path: '/git/restore', served: true, newer: true },
  { id: 'GetSystemMetrics', method: 'GET', path: '/system/metrics', served: false, note: 'not implemented', newer: true },
  { id: 'ComputerUse', method: 'ANY', path: '/computeruse/*', served: false, note: 'computer use (33 operations, any method): not served, no desktop' },
];

/** The row that covers `method path` (a computer-use path matches the `/computeruse/*` row). */
export function operationFor(method: string, path: string): DaytonaOperation | undefined {
  if (path.startsWith('/computeruse/')) return DAYTONA_TOOLBOX_OPERATIONS.find((o) => o.path === '/computeruse/*');
  return DAYTONA_TOOLBOX_OPERATIONS.find((o) => o.method === method && o.path === path);
}
