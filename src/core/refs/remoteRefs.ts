import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gitAt, gitMessage, readGit } from '../repo/git';
import { redact } from '../repo/remote';
import { ForgeError } from '../../common/errors';
import { hostGit, requireRemoteArg } from './hostGit';

export interface RemoteBranch {
  readonly name: string;
  readonly sha: string;
}

export interface RemotePull {
  readonly number: number;
  readonly sha: string;
  /** From the GitHub API when it answered; otherwise unknown. */
  readonly title?: string;
}

export interface RemoteRefList {
  readonly branches: readonly RemoteBranch[];
  /** Newest (highest number) first. */
  readonly pulls: readonly RemotePull[];
  readonly defaultBranch?: string;
}

/** Reads `git ls-remote --symref` output: branches, pull request heads, and what HEAD points at. */
export function parseLsRemote(output: string): RemoteRefList {
  const branches: RemoteBranch[] = [];
  const pulls: RemotePull[] = [];
  let defaultBranch: string | undefined;
  for (const line of output.split('\n')) {
    const symref = /^ref: refs\/heads\/(\S+)\tHEAD$/.exec(line.trim());
    if (symref?.[1]) {
      defaultBranch = symref[1];
      continue;
    }
    const match = /^([0-9a-f]{40,64})\t(\S+)$/.exec(line.trim());
    if (!match?.[1] || !match[2]) continue;
    const [, sha, ref] = match;
    if (ref.startsWith('refs/heads/')) branches.push({ name: ref.slice('refs/heads/'.length), sha });
    const pull = /^refs\/pull\/(\d+)\/head$/.exec(ref);
    if (pull?.[1]) pulls.push({ number: Number(pull[1]), sha });
  }
  pulls.sort((a, b) => b.number - a.number);
  return { branches, pulls, ...(defaultBranch ? { defaultBranch } : {}) };
}

/**
 * The branches and pull request heads of `remote` (a name such as `origin`, or a URL), asked over the network with
 * the user's own git credentials on this machine. Nothing in the local repository changes, and nothing in its
 * config runs: ls-remote runs on the remote's URL from an empty folder, so a repository's
 * `remote.<name>.uploadpack`, `core.sshCommand`, `credential.helper` or `core.askPass` never applies (only the
 * user's global and system config do, as for the ref snapshot's fetch).
 */
export async function listRemoteRefs(root: string, remote: string, signal?: AbortSignal): Promise<RemoteRefList> {
  const url = await remoteUrlOf(root, requireRemoteArg(remote), signal);
  const empty = await mkdtemp(path.join(tmpdir(), 'forge-ls-remote-'));
  try {
    const output = await hostGit(empty, ['ls-remote', '--symref', requireRemoteArg(url), 'HEAD', 'refs/heads/*', 'refs/pull/*/head'], signal);
    return parseLsRemote(output);
  } catch (error) {
    throw new ForgeError('no-remote', `Forge could not list the branches of ${redact(url)}: ${gitMessage(error)}`, {
      hint: 'Check that `git ls-remote origin` works in a terminal (network, credentials), then try again.',
      cause: error,
    });
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
}

/** A remote name's URL as the repository configures it (a read: no command runs); a URL stays as it is. */
async function remoteUrlOf(root: string, remote: string, signal: AbortSignal | undefined): Promise<string> {
  if (remote.includes(':') || remote.includes('/')) return remote;
  const url = (await readGit(gitAt(root, signal), ['remote', 'get-url', remote]).catch(() => '')).trim();
  if (!url) throw new ForgeError('no-remote', `${root} has no remote "${remote}" to list branches and pull requests from.`, { hint: `Add one with \`git remote add ${remote} <url>\`.` });
  return url;
}
