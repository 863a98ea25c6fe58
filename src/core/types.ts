// Shared vocabulary of the core. Nothing here imports `vscode` or the Daytona SDK.

/** Where core code writes its diagnostics. The VS Code layer backs it with a LogOutputChannel, the CLI with stderr. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

/** A change in the local working tree that the sandbox's checkout does not have. Paths are relative to the repository root, with `/`. */
export type LocalChange =
  | { readonly kind: 'modified' | 'added' | 'deleted'; readonly path: string }
  | { readonly kind: 'renamed'; readonly from: string; readonly path: string };

/** What Forge knows about the folder it previews, read locally with git. */
export interface RepoFacts {
  /** Absolute path of the git root, or of the folder itself when it is not a git repository. */
  readonly root: string;
  readonly isGit: boolean;
  /** HTTPS clone URL derived from `origin` (SSH and `git@` forms converted); undefined without a usable remote. */
  readonly cloneUrl?: string;
  /** Host of the remote, e.g. `github.com`. */
  readonly host?: string;
  /** `owner/name` of the remote repository. */
  readonly slug?: string;
  /** True when the remote is on the configured GitHub host (`forge.githubHost`): only then may the GitHub token be sent. */
  readonly onGithubHost?: boolean;
  /** Why there is no `cloneUrl` although the folder is a git repository (no remote, a local-path remote ...). */
  readonly remoteProblem?: string;
  /** Current branch; undefined on a detached HEAD. */
  readonly branch?: string;
  /** HEAD commit SHA; undefined in a repository without commits. */
  readonly head?: string;
  /** True when HEAD is contained in a remote-tracking branch, so the sandbox can fetch it. */
  readonly headPushed: boolean;
  /** The newest commit the remote has on this branch's upstream (what to clone when HEAD is not pushed). */
  readonly upstreamCommit?: string;
  /** A remote branch that contains `upstreamCommit` (the upstream, else the same name, else the default branch). */
  readonly upstreamBranch?: string;
  /** Uncommitted and untracked changes against HEAD, respecting .gitignore. */
  readonly changes: readonly LocalChange[];
  /** Submodules and nested repositories (relative paths): not recursed into, not in `changes`, not uploaded. */
  readonly submodules?: readonly string[];
}

export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** One runnable app found in the working tree. */
export interface DetectedApp {
  /** Path of the app relative to the repository root, `` for the root itself. */
  readonly appPath: string;
  /** Display name (package name or folder). */
  readonly name: string;
  /** Framework id and display name, e.g. `{ id: 'vite', name: 'Vite' }`; undefined for a plain Node app. */
  readonly framework?: { readonly id: string; readonly name: string };
  readonly packageManager: PackageManagerName;
  /** Version pinned by package.json's `packageManager` field (e.g. `9.15.0`), if any. */
  readonly packageManagerVersion?: string;
  /** The lockfile that was found (relative to the repository root), if any. */
  readonly lockfile?: string;
  /** Directory (relative to the repository root) where install must run: the workspace root for monorepos. */
  readonly installPath: string;
  /** Shell command that installs dependencies; the frozen-lockfile form when there is a lockfile. `: nothing to install` (a shell no-op, `NOTHING_TO_INSTALL` in core/detect) when there is nothing to install (static site, a `forge.devCommand` without package.json). */
  readonly installCommand: string;
  /** Shell command that starts the dev server bound to 0.0.0.0 on `port`, run from `installPath`. */
  readonly devCommand: string;
  readonly port: number;
  /** Environment the dev server needs (PORT, HOST, framework proxy allowances ...). */
  readonly env: Readonly<Record<string, string>>;
}

/** Why a step failed, in words a user can act on. */
export type ForgeErrorCode =
  | 'no-workspace'
  | 'not-a-repo'
  | 'no-remote'
  | 'unsupported-remote'
  | 'auth-required'
  | 'auth-failed'
  | 'no-package-json'
  | 'bad-package-json'
  | 'nothing-to-run'
  | 'ambiguous-app'
  | 'bad-setting'
  | 'api-key'
  | 'quota'
  | 'rate-limited'
  | 'sandbox-gone'
  | 'backend-unavailable'
  | 'isolation-unavailable'
  | 'install-failed'
  | 'dev-server-exited'
  | 'port-never-opened'
  | 'timeout'
  | 'cancelled'
  | 'untrusted'
  | 'internal';

/** An error meant for the user: `message` names the cause, `hint` the next step. Never carries a secret. */
export class ForgeError extends Error {
  override readonly name = 'ForgeError';
  readonly code: ForgeErrorCode;
  readonly hint: string | undefined;
  /** Last lines of the relevant log (install or dev server), already free of secrets. */
  readonly logTail: readonly string[];

  /**
   * The extension and its lazily loaded engine are separate bundles, each with its own copy of this class: an
   * error thrown in one must still be a ForgeError to the other, so instances are recognised by shape.
   */
  static override [Symbol.hasInstance](value: unknown): value is ForgeError {
    return value instanceof Error && value.name === 'ForgeError' && typeof (value as { code?: unknown }).code === 'string';
  }

  constructor(code: ForgeErrorCode, message: string, options: { hint?: string; cause?: unknown; logTail?: readonly string[] } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.logTail = options.logTail ?? [];
  }
}

export function isCancellation(error: unknown): boolean {
  return error instanceof ForgeError && error.code === 'cancelled';
}
