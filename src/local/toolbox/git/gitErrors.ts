// Turns git's stderr into the daemon's git error codes (which the SDK maps onto DaytonaGit*Error), with
// any credential scrubbed from the message. Messages are matched in the C locale (LC_ALL=C is set).
import { DaemonError, type DaemonErrorCode } from '../daemonError';

interface Rule {
  readonly test: (s: string) => boolean;
  readonly status: number;
  readonly code: DaemonErrorCode;
}

const has = (...needles: string[]) => (s: string) => needles.some((n) => s.includes(n));

const RULES: readonly Rule[] = [
  { test: has('authentication failed', 'invalid username or password', 'could not read username', 'could not read password', 'terminal prompts disabled', 'returned error: 401'), status: 401, code: 'GIT_AUTH_FAILED' },
  { test: (s) => s.includes('returned error: 403') || (s.includes('remote: permission') && s.includes('denied')), status: 403, code: 'GIT_AUTH_FAILED' },
  {
    test: (s) => /repository '.*' not found/.test(s) || has('repository not found', 'returned error: 404', 'remote: not found', 'does not appear to be a git repository')(s),
    status: 404,
    code: 'GIT_REPO_NOT_FOUND',
  },
  {
    test: (s) =>
      /remote branch .* not found/.test(s) ||
      (s.includes('src refspec') && s.includes('does not match any')) ||
      /pathspec .* did not match/.test(s) ||
      has("couldn't find remote ref", 'unknown revision', 'not a valid object name', 'invalid reference', 'not a commit', 'reference is not a tree', 'no such branch', 'not found in upstream')(s),
    status: 404,
    code: 'GIT_BRANCH_NOT_FOUND',
  },
  { test: (s) => /branch .* already exists/.test(s), status: 409, code: 'GIT_BRANCH_EXISTS' },
  { test: has('would be overwritten', 'please commit your changes or stash them', 'needs merge'), status: 409, code: 'GIT_DIRTY_WORKTREE' },
  { test: has('automatic merge failed', 'merge conflict', 'fix conflicts'), status: 409, code: 'GIT_MERGE_CONFLICT' },
  { test: has('pre-receive hook declined', 'remote rejected', '[remote rejected]'), status: 422, code: 'GIT_REMOTE_REJECTED' },
  { test: has('non-fast-forward', 'fetch first', 'updates were rejected', 'stale info'), status: 409, code: 'GIT_PUSH_REJECTED' },
  {
    test: has('could not resolve host', 'failed to connect', 'connection refused', 'connection timed out', 'operation timed out', 'ssl certificate', 'ssl_connect', 'unable to access', 'early eof', 'the remote end hung up'),
    status: 502,
    code: 'GIT_TRANSPORT_FAILED',
  },
];

export function gitError(operation: string, stderr: string, secrets: readonly string[] = []): DaemonError {
  const scrubbed = redact(stderr, secrets).trim();
  const lower = scrubbed.toLowerCase();
  const rule = RULES.find((r) => r.test(lower));
  const detail = scrubbed.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('Cloning into')).slice(-6).join('\n') || 'no output';
  if (rule) return new DaemonError(rule.status, rule.code, `${operation} failed: ${detail}`);
  if (lower.includes('not a git repository')) return new DaemonError(400, 'BAD_REQUEST', `${operation} failed: not a git repository`);
  return new DaemonError(400, 'BAD_REQUEST', `${operation} failed: ${detail}`);
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 3) out = out.split(secret).join('***');
  return out;
}
