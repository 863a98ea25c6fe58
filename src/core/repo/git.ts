import { GitError, simpleGit, type SimpleGit } from 'simple-git';
import { ForgeError } from '../types';

/**
 * A git runner for one directory. Paths come back unquoted (`core.quotePath=false`; most callers also use `-z`), and
 * simple-git keeps ambient `GIT_*` variables (e.g. a hook's `GIT_DIR`) away from the child processes.
 */
export function gitAt(dir: string, signal?: AbortSignal): SimpleGit {
  return simpleGit({
    baseDir: dir,
    maxConcurrentProcesses: 4,
    config: ['core.quotePath=false', 'color.ui=false'],
    // Settle on `close` alone instead of also waiting for a timer after `exit`.
    completion: { onClose: true, onExit: false },
    ...(signal ? { abort: signal } : {}),
  });
}

/**
 * Runs a read-only git command without taking optional locks, so it never fights with the editor's own git
 * integration over `.git/index.lock`. A non-zero exit with empty stderr (e.g. `rev-parse -q --verify`) gives ''.
 * simple-git waits 50 ms after a command that printed nothing, so hot paths use forms that always print
 * (`status --branch`, `rev-list --count`, `ls-files -t`).
 */
export function readGit(git: SimpleGit, args: readonly string[]): Promise<string> {
  return git.raw(['--no-optional-locks', ...args]);
}

/** Splits NUL-separated git output, dropping the empty tail. */
export function splitNul(output: string): string[] {
  const parts = output.split('\0');
  if (parts.at(-1) === '') parts.pop();
  return parts;
}

/** First line of a git failure, for messages (git's own words, e.g. "fatal: not a git repository"). */
export function gitMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n')[0]?.replace(/^fatal:\s*/, '') ?? text;
}

export function isNotARepository(error: unknown): boolean {
  return error instanceof GitError && /not a git repository|must be run in a work tree/i.test(error.message);
}

export function isGitMissing(error: unknown): boolean {
  return error instanceof Error && /spawn \S*git\S* ENOENT/i.test(error.message);
}

/** Turns an unexpected git failure into a message the user can act on. */
export function gitFailure(root: string, error: unknown): ForgeError {
  const detail = gitMessage(error);
  if (/dubious ownership/i.test(detail)) {
    return new ForgeError('not-a-repo', `git refuses to read ${root}: the folder belongs to another user.`, {
      hint: `Run: git config --global --add safe.directory "${root}"`,
      cause: error,
    });
  }
  return new ForgeError('not-a-repo', `git could not read the repository at ${root}: ${detail}`, {
    hint: 'Check that the folder is a healthy git repository (`git status` in a terminal), then try again.',
    cause: error,
  });
}
