import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gitAt, gitMessage, readGit } from '../repo/git';
import { redact } from '../repo/remote';
import { ForgeError } from '../../common/errors';
import type { RepoFacts } from '../types';
import { hostGit, requireRemoteArg } from './hostGit';
import { refLabel, remoteRefName, type RemoteRef } from './refName';

/** The files of a remote ref, checked out in a temporary folder on this machine, for detection only. */
export interface RefSnapshot {
  /** A throwaway working copy at `sha`: read it, never show it as the user's repository. */
  readonly dir: string;
  readonly sha: string;
  close(): Promise<void>;
}

/**
 * Fetches one ref of the repository's remote (depth 1) into a new temporary repository and checks it out, so that
 * detection and devcontainer.json read the ref's files. The user's repository is only read (its remote URL, and
 * for a commit that the remote will not hand out by id, its objects): no fetch into it, no checkout, no new refs.
 */
export async function snapshotRef(facts: RepoFacts, ref: RemoteRef, signal?: AbortSignal): Promise<RefSnapshot> {
  const remote = await remoteUrl(facts);
  const tmp = await mkdtemp(path.join(tmpdir(), 'forge-ref-'));
  const close = (): Promise<void> => rm(tmp, { recursive: true, force: true });
  try {
    const dir = path.join(tmp, path.basename(facts.root) || 'repo');
    await mkdir(dir);
    await hostGit(dir, ['init', '-q'], signal);
    await fetchRef(dir, remote, facts.root, ref.kind === 'commit' ? { kind: 'commit', sha: await fullCommitId(facts.root, ref.sha) } : ref, signal);
    await hostGit(dir, ['-c', 'advice.detachedHead=false', 'checkout', '-q', '--detach', 'FETCH_HEAD'], signal);
    const sha = (await readGit(gitAt(dir, signal), ['rev-parse', '--verify', 'HEAD^{commit}'])).trim();
    return { dir, sha, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function fetchRef(dir: string, remote: string, localRoot: string, ref: RemoteRef, signal: AbortSignal | undefined): Promise<void> {
  const fetch = (from: string): Promise<string> => hostGit(dir, ['fetch', '-q', '--depth', '1', '--no-tags', from, remoteRefName(ref)], signal);
  try {
    await fetch(remote);
  } catch (error) {
    // A commit the remote does not serve by id may still be in the local repository (read, not changed).
    if (ref.kind === 'commit' && (await fetch(localRoot).then(() => true, () => false))) return;
    throw notFound(remote, ref, error);
  }
}

/** git fetches a commit only by its full id: a short one must name a commit the local repository has. */
async function fullCommitId(localRoot: string, sha: string): Promise<string> {
  if (sha.length === 40) return sha;
  const full = (await readGit(gitAt(localRoot), ['rev-parse', '--verify', '-q', `${sha}^{commit}`]).catch(() => '')).trim();
  if (full) return full;
  throw new ForgeError('bad-setting', `The local repository has no commit ${sha}, and a remote commit can be asked for only by its full id.`, {
    hint: 'Pass the full 40-character commit id, or a branch name or pull/N.',
  });
}

function notFound(remote: string, ref: RemoteRef, cause: unknown): ForgeError {
  const what = ref.kind === 'branch' ? `branch ${ref.name}` : ref.kind === 'pull' ? `pull request #${ref.number} (refs/pull/${ref.number}/head)` : `commit ${ref.sha}`;
  // git may echo the remote URL, credentials and all.
  const detail = gitMessage(cause).replace(/\/\/[^/@\s]+@/g, '//');
  const missing = /couldn't find remote ref|not our ref|no such remote ref|unadvertised object/i.test(detail);
  return new ForgeError(missing ? 'bad-setting' : 'no-remote', missing ? `${redact(remote)} has no ${what}.` : `Forge could not fetch ${refLabel(ref)} from ${redact(remote)}: ${detail}`, {
    hint: missing ? 'Check the name with `git ls-remote origin`, or pick one from "Forge: Preview Branch or Pull Request…".' : 'Check that `git ls-remote origin` works in a terminal (network, credentials), then try again.',
    cause,
  });
}

/** The remote as the user configured it (their own credentials apply on this machine); else the clone URL. */
async function remoteUrl(facts: RepoFacts): Promise<string> {
  const url = (await readGit(gitAt(facts.root), ['remote', 'get-url', 'origin']).catch(() => '')).trim();
  const chosen = url || facts.cloneUrl;
  if (!chosen) throw new ForgeError('no-remote', `${facts.root} has no remote to preview a branch or pull request from.`, { hint: 'Add one with `git remote add origin <url>`.' });
  return requireRemoteArg(chosen);
}
