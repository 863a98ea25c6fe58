// Daemons up to v0.190 answer errors without `source` and with only the generic codes of common-go's error
// middleware (libs/common-go/pkg/errors/middleware.go), and classify git errors by go-git's sentinel errors
// (apps/daemon/pkg/toolbox/git/errors.go): 401 "authentication required", 403 "authorization failed",
// 404 "repository not found" (GitHub's answer to a token without access), and a clone of a missing branch is
// go-git's NoMatchingRefSpecError, which no rule matches: a 500. A sandbox keeps the daemon it was created with.
import type { DaemonError, DaemonErrorCode } from './daemonError';

/** The daemon the local backend emulates by default: typed errors with `source` (the shape SDK 0.218 knows). */
export const CURRENT_DAEMON_VERSION = 'forge-local-0.1.0';

/** True for a daemon version at or below v0.190 (`v0.190.0`, `0.150.2`); anything else is the current shape. */
export function isLegacyDaemon(version: string): boolean {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major === 0 && minor <= 190;
}

const GENERIC: Record<number, DaemonErrorCode | 'UNAUTHORIZED' | 'FORBIDDEN' | 'UNPROCESSABLE_ENTITY'> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'UNPROCESSABLE_ENTITY',
};

export interface LegacyError {
  readonly statusCode: number;
  readonly message: string;
  readonly code: string;
}

/** What a v0.190 daemon answers for the failure `err` describes. */
export function legacyError(err: DaemonError): LegacyError {
  const git = legacyGitError(err);
  if (git) return git;
  return { statusCode: err.statusCode, message: err.message, code: GENERIC[err.statusCode] ?? 'INTERNAL_SERVER_ERROR' };
}

function legacyGitError(err: DaemonError): LegacyError | undefined {
  const detail = err.message;
  switch (err.code) {
    case 'GIT_AUTH_FAILED':
      return err.statusCode === 403
        ? { statusCode: 403, code: 'FORBIDDEN', message: 'forbidden: authorization failed' }
        : { statusCode: 401, code: 'UNAUTHORIZED', message: 'unauthorized: authentication required' };
    case 'GIT_REPO_NOT_FOUND':
      return { statusCode: 404, code: 'NOT_FOUND', message: 'not found: repository not found' };
    case 'GIT_BRANCH_NOT_FOUND': {
      // A clone or checkout of a missing branch: go-git's NoMatchingRefSpecError, unclassified (500).
      const ref = /(?:remote branch|couldn't find remote ref) '?"?([^'"\s]+)/i.exec(detail)?.[1];
      return { statusCode: 500, code: 'INTERNAL_SERVER_ERROR', message: `couldn't find remote ref "refs/heads/${ref ?? 'unknown'}"` };
    }
    case 'GIT_BRANCH_EXISTS':
    case 'GIT_DIRTY_WORKTREE':
    case 'GIT_PUSH_REJECTED':
    case 'GIT_MERGE_CONFLICT':
      return { statusCode: 409, code: 'CONFLICT', message: `conflict: ${detail}` };
    case 'GIT_TRANSPORT_FAILED':
    case 'GIT_REMOTE_REJECTED':
      return { statusCode: 500, code: 'INTERNAL_SERVER_ERROR', message: detail };
    default:
      return undefined;
  }
}
