import { gitMessage } from '../repo/git';
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
 * the user's own git credentials on this machine. Nothing in the local repository changes.
 */
export async function listRemoteRefs(root: string, remote: string, signal?: AbortSignal): Promise<RemoteRefList> {
  try {
    const output = await hostGit(root, ['ls-remote', '--symref', requireRemoteArg(remote), 'HEAD', 'refs/heads/*', 'refs/pull/*/head'], signal);
    return parseLsRemote(output);
  } catch (error) {
    throw new ForgeError('no-remote', `Forge could not list the branches of ${remote}: ${gitMessage(error)}`, {
      hint: 'Check that `git ls-remote origin` works in a terminal (network, credentials), then try again.',
      cause: error,
    });
  }
}
