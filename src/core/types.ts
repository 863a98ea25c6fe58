// Shared vocabulary of the core. Nothing here imports `vscode` or the Daytona SDK; ForgeError and Logger live in src/common/.

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
