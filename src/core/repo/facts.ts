import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { SimpleGit } from 'simple-git';
import { ForgeError } from '../../common/errors';
import type { LocalChange, RepoFacts } from '../types';
import type { Logger } from '../../common/logger';
import { diffWorkingTreeAgainst, readWorkingChanges } from './changes';
import { gitAt, gitFailure, isGitMissing, isNotARepository, readGit } from './git';
import { parseGithubHost } from './githubHost';
import { parseRemote, redact } from './remote';
import { listSubmodules } from './submodules';
import { findUpstream } from './upstream';

export interface RepoFactsOptions {
  /** `forge.githubHost`: `github.com`, an enterprise host, or a base URL such as `http://127.0.0.1:8123`. */
  readonly githubHost: string;
  readonly logger?: Logger;
  readonly signal?: AbortSignal;
}

/**
 * Reads what Forge needs to know about `folder` with git, locally (no fetch): the repository root (the folder may
 * be a subfolder), the `origin` remote as a clone URL, branch, HEAD, what the remote already has, and the local
 * changes. A folder without git, without commits or without a remote still gives facts (`isGit: false`, or no
 * `cloneUrl`); its files are uploaded instead.
 */
export async function readRepoFacts(folder: string, options: RepoFactsOptions): Promise<RepoFacts> {
  const absolute = path.resolve(folder);
  await requireDirectory(absolute);
  const github = parseGithubHost(options.githubHost);
  const root = await findGitRoot(absolute, options);
  if (root === undefined) return { root: absolute, isGit: false, headPushed: false, changes: [] };

  const git = gitAt(root, options.signal);
  try {
    const [head, branch, remote, submodules, working] = await Promise.all([
      readGit(git, ['rev-parse', '--verify', '-q', 'HEAD']).then((out) => out.trim() || undefined),
      readGit(git, ['symbolic-ref', '-q', '--short', 'HEAD']).then((out) => out.trim() || undefined),
      chooseRemote(git),
      listSubmodules(git, root),
      readWorkingChanges(git),
    ]);
    const skipped = new Set([...submodules, ...working.nestedRepos]);
    const changes = working.changes.filter((change) => !skipped.has(change.path));
    const base = { root, isGit: true, changes, ...(head ? { head } : {}), ...(branch ? { branch } : {}), ...(skipped.size ? { submodules: [...skipped] } : {}) };
    if (!remote) return { ...base, headPushed: false, remoteProblem: 'the repository has no remote' };

    const parsed = parseRemote(remote.url, github);
    if (!parsed.ok) {
      options.logger?.info(`Remote ${remote.name} cannot be cloned by a sandbox: ${parsed.reason}`);
      return { ...base, headPushed: false, remoteProblem: parsed.reason };
    }
    if (parsed.hadCredentials) options.logger?.warn(`Remote ${remote.name} (${redact(remote.url)}) has credentials in its URL; Forge ignores them.`);
    const upstream = head ? await findUpstream(git, remote.name, head, branch) : { headPushed: false };
    return { ...base, cloneUrl: parsed.cloneUrl, host: parsed.host, slug: parsed.slug, onGithubHost: parsed.onGithubHost, ...upstream };
  } catch (error) {
    if (error instanceof ForgeError) throw error;
    throw gitFailure(root, error);
  }
}

/**
 * What a sandbox that cloned `facts.upstreamCommit` lacks: commits not pushed yet and uncommitted edits, including
 * untracked files that are not ignored, file by file. Submodules are left out.
 */
export function listUnpushedChanges(facts: RepoFacts, signal?: AbortSignal): Promise<LocalChange[]> {
  if (!facts.upstreamCommit) {
    return Promise.reject(new ForgeError('internal', 'There is no pushed commit to compare with; upload every file instead (listFilesToUpload).'));
  }
  return listChangesSince(facts, facts.upstreamCommit, signal);
}

/** File-level difference between `commit` and the working tree of `facts.root`. */
export async function listChangesSince(facts: RepoFacts, commit: string, signal?: AbortSignal): Promise<LocalChange[]> {
  const git = gitAt(facts.root, signal);
  try {
    return await diffWorkingTreeAgainst(git, commit, new Set(facts.submodules ?? []));
  } catch (error) {
    throw gitFailure(facts.root, error);
  }
}

async function requireDirectory(folder: string): Promise<void> {
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new ForgeError('no-workspace', `The folder ${folder} does not exist or is not a folder.`, { hint: 'Open a folder in VS Code (File > Open Folder) and try again.' });
  }
}

async function findGitRoot(folder: string, options: RepoFactsOptions): Promise<string | undefined> {
  try {
    const top = (await readGit(gitAt(folder, options.signal), ['rev-parse', '--show-toplevel'])).trim();
    return top === '' ? undefined : path.resolve(top);
  } catch (error) {
    if (isNotARepository(error)) return undefined;
    if (isGitMissing(error)) {
      options.logger?.warn('git is not installed (or not on PATH): previewing the folder as plain files.');
      return undefined;
    }
    throw gitFailure(folder, error);
  }
}

/** `origin`, else the only remote there is. */
async function chooseRemote(git: SimpleGit): Promise<{ name: string; url: string } | undefined> {
  const names = (await readGit(git, ['remote'])).split('\n').map((name) => name.trim()).filter(Boolean);
  const name = names.includes('origin') ? 'origin' : names.length === 1 ? names[0] : undefined;
  if (!name) return undefined;
  const url = (await readGit(git, ['remote', 'get-url', name])).trim();
  return url ? { name, url } : undefined;
}
