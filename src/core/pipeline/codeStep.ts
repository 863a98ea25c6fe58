import type { Sandbox } from '../../daytona/port';
import { isGitAuthFailed, isGitBranchNotFound } from '../../daytona/errors';
import { quote } from 'shell-quote';
import { tokenAllowedFor } from '../auth';
import { cloneCredentials, pullCredentials, type GitCredentials } from '../gitCredentials';
import { ForgeError } from '../../common/errors';
import type { LocalChange, RepoFacts } from '../types';
import type { Logger } from '../../common/logger';
import { secretFilesMessage, withoutSecretFiles } from '../repo/secretFiles';
import { homeRelative } from '../sandboxExec';
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
  /** The commit the sandbox checked out, when the code came from git. */
  readonly commit?: string;
  readonly upload: UploadSummary;
}

export const SANDBOX_HOME = '/home/daytona';

/** Path of the checkout inside the sandbox: a readable name derived from the repository. */
export function sandboxRepoPath(facts: RepoFacts): string {
  const name = (facts.slug?.split('/').pop() ?? facts.root.split(/[\\/]/).pop() ?? 'app').replace(/[^A-Za-z0-9._-]/g, '-') || 'app';
  return `${SANDBOX_HOME}/${name}`;
}

/**
 * Brings the local working tree into the sandbox: clones the newest pushed commit (credentials travel as
 * username/password to the GitHub host only, never in a URL), then uploads what the remote does not have.
 * Without a remote, every non-ignored file is uploaded instead.
 */
export async function bringCode(input: CodeStepInput): Promise<CodeStepResult> {
  const { sandbox, facts } = input;
  const repoPath = sandboxRepoPath(facts);
  const commit = facts.headPushed ? facts.head : facts.upstreamCommit;
  if (!facts.cloneUrl || !commit) {
    const files = await input.tree.listFiles(facts.root, input.includeIgnored);
    input.detail(`uploading ${files.length} files`);
    const upload = await uploadFiles(sandbox, facts.root, repoPath, files.map((f) => f.path), {
      signal: input.signal,
      logger: input.logger,
      onProgress: (done, total) => input.detail(`uploaded ${done} of ${total} files`),
    });
    return { repoPath, upload };
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
  return { repoPath, commit, upload };
}

type Credentials = GitCredentials;

async function cloneWithAuthRetry(input: CodeStepInput, url: string, repoPath: string, commit: string, credentials: Credentials | undefined): Promise<void> {
  try {
    await clone(input, url, repoPath, commit, credentials);
  } catch (error) {
    if (!(isGitAuthFailed(error))) throw error;
    // A private repository and no (or an insufficient) token: ask now, once, then give a clear answer.
    const asked = await cloneCredentials(input, url, true);
    if (!asked || asked.password === credentials?.password) throw authError(input, url, credentials !== undefined, error);
    try {
      await clone(input, url, repoPath, commit, asked);
    } catch (retryError) {
      if (isGitAuthFailed(retryError)) throw authError(input, url, true, retryError);
      throw retryError;
    }
  }
}

async function clone(input: CodeStepInput, url: string, repoPath: string, commit: string, credentials: Credentials | undefined): Promise<void> {
  const { sandbox, facts } = input;
  try {
    await sandbox.git.clone(url, repoPath, facts.branch, commit, credentials?.username, credentials?.password);
  } catch (error) {
    // The local branch may not exist on the remote: the commit is still reachable from another branch.
    if (!(isGitBranchNotFound(error)) || facts.branch === undefined) throw error;
    await sandbox.fs.deleteFile(repoPath, true).catch(() => undefined);
    await sandbox.git.clone(url, repoPath, undefined, commit, credentials?.username, credentials?.password);
  }
}

function authError(input: CodeStepInput, url: string, hadToken: boolean, cause: unknown): ForgeError {
  const onGithub = tokenAllowedFor(url, input.githubHost);
  return new ForgeError(hadToken ? 'auth-failed' : 'auth-required', `The sandbox could not clone ${input.facts.slug ?? url}: ${hadToken ? 'your GitHub token was refused' : 'the repository is private'}.`, {
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
    await sandbox.git.pull(repoPath, credentials?.username, credentials?.password).catch((error: unknown) => {
      input.logger.warn(`git pull in the sandbox failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  const reset = await sandbox.process.executeCommand(`git -C ${q} reset -q --hard ${quote([commit])} && git -C ${q} clean -fdq`, undefined, undefined, 120);
  if (reset.exitCode !== 0) {
    input.logger.warn(`Could not update the checkout (${reset.result.trim()}); cloning afresh`);
    await sandbox.fs.deleteFile(repoPath, true);
    const url = input.facts.cloneUrl ?? '';
    await cloneWithAuthRetry(input, url, repoPath, commit, await pullCredentials(input, sandbox, undefined, url, false));
  }
}
