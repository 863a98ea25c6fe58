import type { Sandbox } from '../../daytona/port';
import { quote } from 'shell-quote';
import { tokenAllowedFor } from '../auth';
import { cloneCredentials, pullCredentials, type GitCredentials } from '../gitCredentials';
import { ForgeError } from '../../common/errors';
import type { LocalChange, RepoFacts } from '../types';
import type { Logger } from '../../common/logger';
import { secretFilesMessage, withoutSecretFiles } from '../repo/secretFiles';
import { homeRelative } from '../sandboxExec';
import { idempotentClone } from './idempotentClone';
import { cloneFailure } from '../../daytona/cloneErrors';
import { pullBranch } from '../pullBranch';
import { sandboxHome } from '../sandboxHome';
import { applyChanges, uploadFiles, type UploadSummary } from '../upload';
import type { WorkingTreeReader } from './workingTree';

export interface CodeStepInput {
  readonly sandbox: Sandbox;
  readonly facts: RepoFacts;
  readonly tree: WorkingTreeReader;
  readonly githubHost: string;
  readonly includeIgnored: readonly string[];
  /** Asks for the GitHub token; `interactive` may prompt the user. */
  readonly githubToken: (interactive: boolean) => Promise<string | undefined>;
  readonly signal: AbortSignal;
  readonly logger: Logger;
  readonly detail: (message: string) => void;
}

export interface CodeStepResult {
  /** Where the repository lives in the sandbox. */
  readonly repoPath: string;
  /** The sandbox's home (its daemon's answer), where Forge keeps its own files. */
  readonly home: string;
  /** The commit the sandbox checked out, when the code came from git. */
  readonly commit?: string;
  readonly upload: UploadSummary;
}

/** Path of the checkout inside the sandbox: a readable name derived from the repository, under the sandbox's home. */
export function sandboxRepoPath(facts: RepoFacts, home: string): string {
  const name = (facts.slug?.split('/').pop() ?? facts.root.split(/[\\/]/).pop() ?? 'app').replace(/[^A-Za-z0-9._-]/g, '-') || 'app';
  return `${home}/${name}`;
}

/**
 * Brings the local working tree into the sandbox: clones the newest pushed commit (credentials travel as
 * username/password to the GitHub host only, never in a URL), then uploads what the remote does not have.
 * Without a remote, every non-ignored file is uploaded instead.
 */
export async function bringCode(input: CodeStepInput): Promise<CodeStepResult> {
  const { sandbox, facts } = input;
  const home = await sandboxHome(sandbox);
  const repoPath = sandboxRepoPath(facts, home);
  const commit = facts.headPushed ? facts.head : facts.upstreamCommit;
  if (!facts.cloneUrl || !commit) {
    const files = await input.tree.listFiles(facts.root, input.includeIgnored);
    input.detail(`uploading ${files.length} files`);
    const upload = await uploadFiles(sandbox, facts.root, repoPath, files.map((f) => f.path), {
      signal: input.signal,
      logger: input.logger,
      onProgress: (done, total) => input.detail(`uploaded ${done} of ${total} files`),
    });
    return { repoPath, home, upload };
  }
  const cloneUrl = facts.cloneUrl;
  if (await hasCheckout(sandbox, repoPath)) {
    input.detail('updating the existing checkout');
    await updateCheckout(input, repoPath, commit);
  } else {
    input.detail('cloning');
    // A sandbox with no checkout may still have run code (a failed earlier preview): check its global config.
    await cloneWithAuthRetry(input, cloneUrl, repoPath, commit, await pullCredentials(input, sandbox, undefined, cloneUrl, false));
  }
  const allChanges: readonly LocalChange[] = commit === facts.head ? facts.changes : await input.tree.changesSince(facts, commit);
  // Deletions always apply; a secret-looking file travels only when the user opted it in.
  const { keep: changes, secret } = withoutSecretFiles(allChanges, (c) => (c.kind === 'deleted' ? '' : c.path), input.includeIgnored);
  if (secret.length > 0) {
    input.logger.warn(secretFilesMessage(secret));
    input.detail(secretFilesMessage(secret));
  }
  if (changes.length > 0) input.detail(`applying ${changes.length} local changes`);
  const upload = await applyChanges(sandbox, facts.root, repoPath, changes, {
    signal: input.signal,
    logger: input.logger,
    onProgress: (done, total) => input.detail(`uploaded ${done} of ${total} changed files`),
  });
  return { repoPath, home, commit, upload };
}

type Credentials = GitCredentials;

async function cloneWithAuthRetry(input: CodeStepInput, url: string, repoPath: string, commit: string, credentials: Credentials | undefined): Promise<void> {
  try {
    await clone(input, url, repoPath, commit, credentials);
  } catch (error) {
    const failure = cloneFailure(error);
    if (failure !== 'auth' && failure !== 'no-access') throw error;
    // A private repository and no (or an insufficient) token: ask now, once, then give a clear answer.
    const asked = await cloneCredentials(input, url, true);
    if (!asked || asked.password === credentials?.password) throw authError(input, url, credentials !== undefined, failure, error);
    try {
      await clone(input, url, repoPath, commit, asked);
    } catch (retryError) {
      const again = cloneFailure(retryError);
      if (again === 'auth' || again === 'no-access') throw authError(input, url, true, again, retryError);
      throw retryError;
    }
  }
}

/** Clones the remote branch that holds `commit` (the upstream), else the default branch; a missing branch is no transient fault. */
async function clone(input: CodeStepInput, url: string, repoPath: string, commit: string, credentials: Credentials | undefined): Promise<void> {
  const { sandbox, facts } = input;
  const branch = facts.upstreamBranch ?? facts.branch;
  try {
    await idempotentClone(sandbox, input.logger, { url, repoPath, branch, commit }, credentials);
    return;
  } catch (error) {
    if (cloneFailure(error) !== 'branch-missing' || branch === undefined) throw missingBranch(input, error);
  }
  await sandbox.fs.deleteFile(repoPath, true).catch(() => undefined);
  try {
    await idempotentClone(sandbox, input.logger, { url, repoPath, commit }, credentials);
  } catch (error) {
    throw missingBranch(input, error);
  }
}

/** An old daemon answers a missing branch with a 500, which would be retried: say what is missing instead. */
function missingBranch(input: CodeStepInput, error: unknown): unknown {
  if (cloneFailure(error) !== 'branch-missing') return error;
  return new ForgeError('no-remote', `The sandbox could not find the commit to preview on ${input.facts.slug ?? 'the remote'}: ${error instanceof Error ? error.message : String(error)}.`, {
    hint: 'Push your branch (git push -u origin HEAD), then try again.',
    cause: error,
  });
}

function authError(input: CodeStepInput, url: string, hadToken: boolean, failure: 'auth' | 'no-access', cause: unknown): ForgeError {
  const onGithub = tokenAllowedFor(url, input.githubHost);
  const name = input.facts.slug ?? url;
  const why = !hadToken
    ? 'the repository is private'
    : failure === 'no-access'
      ? 'your GitHub token has no access to it (GitHub answers "repository not found" to a token that cannot read a private repository)'
      : 'your GitHub token was refused';
  return new ForgeError(hadToken ? 'auth-failed' : 'auth-required', `The sandbox could not clone ${name}: ${why}.`, {
    hint: onGithub
      ? 'Sign in to GitHub with an account that can read this repository (Accounts menu), allowing the "repo" scope, then try again.'
      : `Forge sends your GitHub token only to ${input.githubHost}; this remote is elsewhere. Make the repository public, or set forge.githubHost if it is your GitHub Enterprise host.`,
    cause,
  });
}

async function hasCheckout(sandbox: Sandbox, repoPath: string): Promise<boolean> {
  const result = await sandbox.process.executeCommand(`git -C ${quote([homeRelative(repoPath)])} rev-parse --is-inside-work-tree`, undefined, undefined, 30);
  return result.exitCode === 0;
}

/** Reused sandbox: make the checkout exactly `commit` (dropping previously uploaded edits; ignored files such as node_modules stay). */
async function updateCheckout(input: CodeStepInput, repoPath: string, commit: string): Promise<void> {
  const { sandbox } = input;
  const q = quote([homeRelative(repoPath)]);
  const has = await sandbox.process.executeCommand(`git -C ${q} cat-file -e ${quote([`${commit}^{commit}`])}`, undefined, undefined, 30);
  if (has.exitCode !== 0) {
    // Repository code has run here: the policy checks where this pull would really go (throws when rerouted).
    const credentials = await pullCredentials(input, sandbox, repoPath, input.facts.cloneUrl, false);
    // The daemon's own pull is go-git's (the default branch only): bring the checkout's branch instead. A failure
    // says so rather than falling back to deleting the checkout.
    await pullBranch(sandbox, repoPath, credentials, input.facts.upstreamBranch ?? input.facts.branch);
  }
  const reset = await sandbox.process.executeCommand(`git -C ${q} reset -q --hard ${quote([commit])} && git -C ${q} clean -fdq`, undefined, undefined, 120);
  if (reset.exitCode !== 0) {
    input.logger.warn(`Could not update the checkout (${reset.result.trim()}); cloning afresh`);
    input.detail('the checkout could not be updated: cloning afresh');
    await sandbox.fs.deleteFile(repoPath, true);
    const url = input.facts.cloneUrl ?? '';
    await cloneWithAuthRetry(input, url, repoPath, commit, await pullCredentials(input, sandbox, undefined, url, false));
  }
}
