import { GitError, simpleGit, type SimpleGit } from 'simple-git';
import { ForgeError } from '../../common/errors';

/**
 * Config for every git Forge runs on the host: a repository's own `.git/config` must not run commands here.
 * `core.fsmonitor` runs a program on every status; `core.hooksPath` and hooks; a pager or external diff; and
 * the transport settings stop any network or credential helper (local reads never need them).
 */
export const HOST_GIT_CONFIG: readonly string[] = [
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.pager=cat',
  'diff.external=',
  'credential.helper=',
  'protocol.allow=never',
  'core.sshCommand=false',
  'core.gitProxy=',
];

/** The same as `-c` arguments for a raw `git` spawn. */
export function hostGitArgs(): string[] {
  return HOST_GIT_CONFIG.flatMap((entry) => ['-c', entry]);
}

/** The entries of HOST_GIT_CONFIG that only switch transports off: a call that must reach the remote keeps the user's. */
const TRANSPORT_CONFIG = new Set(['credential.helper=', 'protocol.allow=never', 'core.sshCommand=false', 'core.gitProxy=']);

/**
 * A git runner for one directory. Paths come back unquoted (`core.quotePath=false`; most callers also use `-z`), and
 * simple-git keeps ambient `GIT_*` variables (e.g. a hook's `GIT_DIR`) away from the child processes. `network`
 * (listing or fetching a remote's refs) keeps the user's transports and credentials but still never runs the
 * repository's fsmonitor, hooks, pager or external diff, nor git's `ext::` transport.
 */
export function gitAt(dir: string, signal?: AbortSignal, options: { readonly network?: boolean } = {}): SimpleGit {
  const hardening = options.network ? [...HOST_GIT_CONFIG.filter((entry) => !TRANSPORT_CONFIG.has(entry)), 'protocol.ext.allow=never'] : HOST_GIT_CONFIG;
  return simpleGit({
    baseDir: dir,
    maxConcurrentProcesses: 4,
    config: ['core.quotePath=false', 'color.ui=false', ...hardening],
    // simple-git refuses any `-c` for these keys; ours only switch them off (fixed values, no user input).
    unsafe: {
      allowUnsafeFsMonitor: true,
      allowUnsafeHooksPath: true,
      allowUnsafePager: true,
      allowUnsafeDiffExternal: true,
      allowUnsafeCredentialHelper: true,
      allowUnsafeProtocolOverride: true,
      allowUnsafeSshCommand: true,
      allowUnsafeGitProxy: true,
      allowUnsafeFilter: true,
    },
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
export async function readGit(git: SimpleGit, args: readonly string[]): Promise<string> {
  return git.raw([...(await filterOverrides(git)), '--no-optional-locks', ...args]);
}

const overrides = new WeakMap<SimpleGit, Promise<string[]>>();

/**
 * `status` and `diff` run a repository's clean filters (`filter.<name>.clean` in its .git/config, picked by
 * .gitattributes) on files whose stat changed: any command. Reading the config runs nothing, so Forge reads
 * the driver names first and switches each one off for its own commands.
 */
function filterOverrides(git: SimpleGit): Promise<string[]> {
  let known = overrides.get(git);
  if (known === undefined) {
    known = git
      .raw(['config', '--null', '--name-only', '--get-regexp', String.raw`^filter\..*\.(clean|smudge|process)$`])
      .then((output) => {
        const drivers = new Set(splitNul(output).map((key) => /^filter\.(.+)\.[^.]+$/s.exec(key.trim())?.[1]).filter((name) => name !== undefined));
        return [...drivers].flatMap((name) => ['clean', 'smudge', 'process'].flatMap((key) => ['-c', `filter.${name}.${key}=`]));
      })
      .catch(() => []);
    overrides.set(git, known);
  }
  return known;
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
