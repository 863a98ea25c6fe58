// Turns a fixture folder (test/fixtures/<name>, never a git repo itself) into a temporary working copy: git init,
// one commit, optionally pushed to the test git server with `origin` set, plus scenario edits on top.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { git } from './git';
import type { GitServer } from './gitServer';

/** test/fixtures, found from this file's location whether it runs from source (tsx) or from a bundle under dist/. */
export const FIXTURES_DIR = findFixturesDir(__dirname);

function findFixturesDir(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'test', 'fixtures');
    if (existsSync(path.join(candidate, 'vite-react'))) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(start, '..', 'fixtures');
  }
}

/** Edits applied after the push, in this order: unpushed commit, then uncommitted edits, new files, deletions. */
export interface LocalChangesSpec {
  /** Files written and committed locally but not pushed (path → content). */
  readonly unpushed?: Readonly<Record<string, string>>;
  /** Files (usually tracked) rewritten without committing. */
  readonly edit?: Readonly<Record<string, string>>;
  /** New untracked files. */
  readonly untracked?: Readonly<Record<string, string>>;
  /** Tracked files removed from the working tree (not committed). */
  readonly delete?: readonly string[];
}

export interface WorkingCopyOptions {
  readonly gitServer?: GitServer;
  /**
   * `https`: origin is the git server's URL (plain http on 127.0.0.1); `ssh`: origin is `git@127.0.0.1:<slug>.git`
   * (remote-tracking refs are still filled over HTTP); `none`: no remote; any other string: that literal origin URL.
   * Default: `https` with a git server, else `none`.
   */
  readonly remote?: 'https' | 'ssh' | 'none' | (string & {});
  /** Branch to create and push; default `main`. Slashes are fine (`feature/x`). */
  readonly branch?: string;
  /** Repository slug on the git server; default `forge-tests/<fixture>-<random>`. */
  readonly slug?: string;
  /** Create the repo as public on the git server (anonymous clone allowed). */
  readonly public?: boolean;
  /** `false`: copy the folder only, no git at all. */
  readonly git?: boolean;
  /** Name of the folder inside the temp dir (spaces and unicode welcome); default the fixture name. */
  readonly folderName?: string;
  readonly localChanges?: LocalChangesSpec;
}

export interface WorkingCopy {
  readonly dir: string;
  readonly branch: string;
  /** The git server's clone URL when the copy was pushed. */
  readonly cloneUrl?: string;
  readonly slug?: string;
  /** The commit pushed to the git server (before `localChanges.unpushed`). */
  readonly pushedCommit?: string;
  cleanup(): Promise<void>;
}

const NEVER_COPIED = new Set(['node_modules', '.git', '.next', 'dist', '.svelte-kit', '.nuxt', '.astro', '.turbo']);

export async function makeWorkingCopy(fixtureName: string, options: WorkingCopyOptions = {}): Promise<WorkingCopy> {
  const source = path.join(FIXTURES_DIR, fixtureName);
  const tmp = await mkdtemp(path.join(tmpdir(), 'forge-wc-'));
  const cleanup = (): Promise<void> => rm(tmp, { recursive: true, force: true });
  try {
    const dir = path.join(tmp, options.folderName ?? fixtureName);
    await cp(source, dir, { recursive: true, filter: (from) => !NEVER_COPIED.has(path.basename(from)) });
    const branch = options.branch ?? 'main';
    if (options.git === false) return { dir, branch, cleanup };

    await git(dir, ['init', '-q', '-b', branch]);
    await git(dir, ['add', '-A']);
    await git(dir, ['commit', '-q', '-m', `Fixture ${fixtureName}`]);
    const remote = options.remote ?? (options.gitServer ? 'https' : 'none');
    let pushed: { cloneUrl: string; slug: string; commit: string } | undefined;
    if (options.gitServer && remote !== 'none') {
      pushed = await pushToServer(dir, options.gitServer, branch, options.slug ?? `forge-tests/${fixtureName}-${randomBytes(4).toString('hex')}`, options.public ?? false, remote);
    } else if (remote !== 'none' && remote !== 'https' && remote !== 'ssh') {
      await git(dir, ['remote', 'add', 'origin', remote]);
    }
    await applyLocalChanges(dir, options.localChanges ?? {});
    return { dir, branch, cleanup, ...(pushed ? { cloneUrl: pushed.cloneUrl, slug: pushed.slug, pushedCommit: pushed.commit } : {}) };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function pushToServer(dir: string, server: GitServer, branch: string, slug: string, isPublic: boolean, remote: string): Promise<{ cloneUrl: string; slug: string; commit: string }> {
  const cloneUrl = await server.createRepo(slug, undefined, { public: isPublic, branch });
  await git(dir, [...server.authArgs(), 'push', '-q', cloneUrl, `HEAD:refs/heads/${branch}`]);
  const origin = remote === 'https' ? cloneUrl : remote === 'ssh' ? `git@${new URL(server.baseUrl).hostname}:${slug}.git` : remote;
  await git(dir, ['remote', 'add', 'origin', origin]);
  // Fill refs/remotes/origin/* as a fetch would, over HTTP whatever form origin has.
  await git(dir, [...server.authArgs(), 'fetch', '-q', cloneUrl, `+refs/heads/*:refs/remotes/origin/*`]);
  await git(dir, ['symbolic-ref', 'refs/remotes/origin/HEAD', `refs/remotes/origin/${branch}`]);
  await git(dir, ['branch', '-q', `--set-upstream-to=origin/${branch}`]);
  return { cloneUrl, slug, commit: await git(dir, ['rev-parse', 'HEAD']) };
}

/** Applies scenario edits to a working copy (also usable on any repository a test built). */
export async function applyLocalChanges(dir: string, spec: LocalChangesSpec): Promise<void> {
  if (spec.unpushed && Object.keys(spec.unpushed).length > 0) {
    await writeFiles(dir, spec.unpushed);
    await git(dir, ['add', '--', ...Object.keys(spec.unpushed)]);
    await git(dir, ['commit', '-q', '-m', 'Local commit, not pushed']);
  }
  await writeFiles(dir, spec.edit ?? {});
  await writeFiles(dir, spec.untracked ?? {});
  for (const relative of spec.delete ?? []) await rm(path.join(dir, relative), { force: true, recursive: true });
}

async function writeFiles(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(dir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}
