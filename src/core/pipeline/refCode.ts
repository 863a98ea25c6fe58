import type { Sandbox } from '../../daytona/port';
import { quote } from 'shell-quote';
import { GITHUB_TOKEN_USERNAME, tokenAllowedFor } from '../auth';
import type { RemoteRef } from '../refs/refName';
import { homeRelative } from '../sandboxExec';
import { sandboxHome } from '../sandboxHome';
import { cloneFailure } from '../../daytona/cloneErrors';
import { type RepoFacts } from '../types';
import { ForgeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { sandboxRepoPath, type CodeStepResult } from './codeStep';
import { idempotentClone } from './idempotentClone';

export interface RefCodeInput {
  readonly sandbox: Sandbox;
  readonly facts: RepoFacts;
  readonly ref: RemoteRef;
  /** The commit the ref points at (read on this machine just before). */
  readonly sha: string;
  readonly githubHost: string;
  readonly githubToken: (interactive: boolean) => Promise<string | undefined>;
  readonly logger: Logger;
  readonly detail: (message: string) => void;
}

const NOTHING_UPLOADED = { uploaded: 0, deleted: 0, skipped: [] };

interface Credentials {
  readonly username: string;
  readonly password: string;
}

/**
 * Brings a remote ref into the sandbox with the sandbox's own git: a clone of the branch (or of the default branch,
 * then a fetch of `refs/pull/N/head`), then a checkout of exactly `sha`. Nothing local is uploaded.
 */
export async function bringRef(input: RefCodeInput): Promise<CodeStepResult> {
  const { sandbox, facts, ref, sha } = input;
  const url = facts.cloneUrl;
  if (!url) throw new ForgeError('no-remote', `${facts.root} has no remote a sandbox can clone.`, { hint: 'Previewing a branch or pull request needs an http(s) or GitHub SSH remote named origin.' });
  const home = await sandboxHome(sandbox);
  const repoPath = sandboxRepoPath(facts, home);
  if (await run(sandbox, repoPath, ['rev-parse', '--is-inside-work-tree'])) {
    input.detail('updating the existing checkout');
    if (!(await hasCommit(sandbox, repoPath, sha))) await fetchRef(input, url, repoPath);
    if (await hasCommit(sandbox, repoPath, sha)) {
      await checkout(sandbox, repoPath, sha);
      return { repoPath, home, commit: sha, upload: NOTHING_UPLOADED };
    }
    input.logger.warn(`The sandbox's checkout does not have ${sha.slice(0, 12)}; cloning afresh`);
    await sandbox.fs.deleteFile(repoPath, true);
  }
  input.detail('cloning');
  const branch = ref.kind === 'branch' ? ref.name : undefined;
  const commit = ref.kind === 'pull' ? undefined : sha;
  // A refused clone may leave a partial folder behind; the retry starts from nothing.
  const again = (): Promise<void> => sandbox.fs.deleteFile(repoPath, true).catch(() => undefined);
  await withCredentials(input, url, (c) => idempotentClone(sandbox, input.logger, { url, repoPath, branch, commit }, c), again);
  if (ref.kind === 'pull') {
    await fetchRef(input, url, repoPath);
    if (!(await hasCommit(sandbox, repoPath, sha))) {
      throw new ForgeError('no-remote', `The sandbox could not fetch pull request #${ref.number} (refs/pull/${ref.number}/head) from ${facts.slug ?? url}.`, { hint: 'Check that the pull request still exists, then try again.' });
    }
    await checkout(sandbox, repoPath, sha);
  }
  return { repoPath, home, commit: sha, upload: NOTHING_UPLOADED };
}

/**
 * Fetches the ref through the SDK's pull (the daemon's credential handling, never a command line): a pull request
 * head is added to origin's fetch refspecs first. The pull's merge may fail on a detached checkout; what counts is
 * whether the commit arrived, which the caller checks.
 */
async function fetchRef(input: RefCodeInput, url: string, repoPath: string): Promise<void> {
  const { sandbox, ref } = input;
  if (ref.kind === 'pull') {
    const spec = `+refs/pull/${ref.number}/head:refs/forge/pull/${ref.number}`;
    const has = await run(sandbox, repoPath, ['config', '--get-all', 'remote.origin.fetch'], new RegExp(`^${spec.replace(/[+/]/g, '\\$&')}$`, 'm'));
    if (!has) await run(sandbox, repoPath, ['config', '--add', 'remote.origin.fetch', spec]);
  }
  await withCredentials(input, url, (c) => sandbox.git.pull(repoPath, c?.username, c?.password)).catch((error: unknown) => {
    if (error instanceof ForgeError) throw error;
    input.logger.info(`git pull in the sandbox: ${error instanceof Error ? error.message : String(error)}`);
  });
}

/**
 * Every git call of a ref preview that may carry the token goes through here: the token is offered only when the
 * URL is on the configured GitHub host (`tokenAllowedFor`), silently first, with one prompt after a refusal.
 */
async function withCredentials(input: RefCodeInput, url: string, call: (credentials: Credentials | undefined) => Promise<void>, beforeRetry?: () => Promise<void>): Promise<void> {
  const credentials = async (interactive: boolean): Promise<Credentials | undefined> => {
    if (!tokenAllowedFor(url, input.githubHost)) return undefined;
    const token = await input.githubToken(interactive);
    return token ? { username: GITHUB_TOKEN_USERNAME, password: token } : undefined;
  };
  const first = await credentials(false);
  try {
    await call(first);
  } catch (error) {
    const failure = cloneFailure(error);
    if (failure !== 'auth' && failure !== 'no-access') throw error;
    const asked = await credentials(true);
    if (asked && asked.password !== first?.password) {
      await beforeRetry?.();
      return call(asked);
    }
    throw new ForgeError(first ? 'auth-failed' : 'auth-required', `The sandbox could not fetch ${input.facts.slug ?? url}: ${!first ? 'the repository is private' : failure === 'no-access' ? 'your GitHub token has no access to it (GitHub answers "repository not found" to a token that cannot read it)' : 'your GitHub token was refused'}.`, {
      hint: tokenAllowedFor(url, input.githubHost) ? 'Sign in to GitHub with an account that can read this repository, then try again.' : `Forge sends your GitHub token only to ${input.githubHost}.`,
      cause: error,
    });
  }
}

async function hasCommit(sandbox: Sandbox, repoPath: string, sha: string): Promise<boolean> {
  return run(sandbox, repoPath, ['cat-file', '-e', `${sha}^{commit}`]);
}

async function checkout(sandbox: Sandbox, repoPath: string, sha: string): Promise<void> {
  const q = quote([homeRelative(repoPath)]);
  const result = await sandbox.process.executeCommand(`git -C ${q} -c advice.detachedHead=false checkout -q -f --detach ${quote([sha])} && git -C ${q} clean -fdq`, undefined, undefined, 120);
  if (result.exitCode !== 0) throw new ForgeError('internal', `The sandbox could not check out ${sha.slice(0, 12)}: ${result.result.trim()}`);
}

/** A git command in the checkout without credentials; true on exit 0 (and, with `expect`, matching output). */
async function run(sandbox: Sandbox, repoPath: string, args: readonly string[], expect?: RegExp): Promise<boolean> {
  const result = await sandbox.process.executeCommand(`git -C ${quote([homeRelative(repoPath)])} ${quote([...args])}`, undefined, undefined, 60);
  return result.exitCode === 0 && (expect === undefined || expect.test(result.result));
}
