// Errors the toolbox answers with, in the daemon's shape so the SDK maps them onto its DaytonaError classes
// (source DAYTONA_DAEMON + code → e.g. DaytonaFileNotFoundError, DaytonaGitAuthFailedError).

export type DaemonErrorCode =
  | 'BAD_REQUEST'
  | 'INVALID_REQUEST_BODY'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'INTERNAL_SERVER_ERROR'
  | 'FILE_NOT_FOUND'
  | 'FILE_ACCESS_DENIED'
  | 'INVALID_FILE_PATH'
  | 'FILE_READ_FAILED'
  | 'PROCESS_EXECUTION_TIMEOUT'
  | 'PROCESS_NOT_FOUND'
  | 'SESSION_ENDED'
  | 'COMMAND_ALREADY_COMPLETED'
  | 'GIT_AUTH_FAILED'
  | 'GIT_REPO_NOT_FOUND'
  | 'GIT_BRANCH_NOT_FOUND'
  | 'GIT_BRANCH_EXISTS'
  | 'GIT_PUSH_REJECTED'
  | 'GIT_DIRTY_WORKTREE'
  | 'GIT_MERGE_CONFLICT'
  | 'GIT_TRANSPORT_FAILED'
  | 'GIT_REMOTE_REJECTED';

export class DaemonError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: DaemonErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DaemonError';
  }
}

export const badRequest = (message: string): DaemonError => new DaemonError(400, 'BAD_REQUEST', message);
export const notFound = (message: string): DaemonError => new DaemonError(404, 'NOT_FOUND', message);
export const conflict = (message: string): DaemonError => new DaemonError(409, 'CONFLICT', message);

/** Maps a Node fs error onto the daemon's file codes; `insidePath` is what the caller asked for. */
export function fsError(err: unknown, insidePath: string): DaemonError {
  if (err instanceof DaemonError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return new DaemonError(404, 'FILE_NOT_FOUND', `file not found: ${insidePath}`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new DaemonError(403, 'FILE_ACCESS_DENIED', `permission denied: ${insidePath}`);
    case 'ENOTDIR':
      return new DaemonError(400, 'INVALID_FILE_PATH', `not a directory: ${insidePath}`);
    case 'EISDIR':
      return new DaemonError(400, 'INVALID_FILE_PATH', `is a directory: ${insidePath}`);
    case 'EEXIST':
      return new DaemonError(409, 'CONFLICT', `already exists: ${insidePath}`);
    case 'ENOTEMPTY':
      return new DaemonError(409, 'CONFLICT', `directory not empty: ${insidePath}`);
    case 'ELOOP':
      return new DaemonError(400, 'INVALID_FILE_PATH', `too many symbolic links: ${insidePath}`);
    default:
      return new DaemonError(500, 'INTERNAL_SERVER_ERROR', `${insidePath}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
