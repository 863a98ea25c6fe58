import type { SimpleGit } from 'simple-git';
import { readGit } from './git';

export interface UpstreamInfo {
  /** HEAD is contained in one of the remote's tracking branches. */
  readonly headPushed: boolean;
  /** Newest commit that is both an ancestor of HEAD (or HEAD itself) and on the remote. */
  readonly upstreamCommit?: string;
  /** A branch of the remote that contains `upstreamCommit` (the upstream, the same name, or the default first). */
  readonly upstreamBranch?: string;
}

/**
 * Works out what a sandbox can clone from `remote`: everything from the remote-tracking refs the last fetch left,
 * without touching the network. Commits after `upstreamCommit` (and uncommitted edits) must be uploaded.
 */
export async function findUpstream(git: SimpleGit, remote: string, head: string, branch: string | undefined): Promise<UpstreamInfo> {
  const prefix = `refs/remotes/${remote}/`;
  // One listing gives the tracking refs and, through the `HEAD` symref, the remote's default branch.
  const listing = (await readGit(git, ['for-each-ref', '--format=%(refname) %(symref)', prefix])).split('\n');
  const refs: string[] = [];
  let defaultRef = '';
  for (const line of listing) {
    const [ref = '', symref = ''] = line.split(' ');
    if (ref === `${prefix}HEAD`) defaultRef = symref;
    else if (ref) refs.push(ref);
  }
  if (refs.length === 0) return { headPushed: false };
  const remotes = `--remotes=${remote}`;
  // --count always prints, which spares simple-git's 50 ms wait for a silent command.
  const unpushed = Number((await readGit(git, ['rev-list', '--count', 'HEAD', '--not', remotes])).trim());
  const commit = unpushed === 0 ? head : await newestPushedAncestor(git, remotes);
  if (!commit) return { headPushed: false };
  const upstreamBranch = await pickBranch(git, prefix, commit, branch, defaultRef);
  return { headPushed: unpushed === 0, upstreamCommit: commit, ...(upstreamBranch ? { upstreamBranch } : {}) };
}

/** The boundary between local-only commits and the remote's; with several (merges), the one closest to HEAD. */
async function newestPushedAncestor(git: SimpleGit, remotes: string): Promise<string | undefined> {
  const lines = (await readGit(git, ['rev-list', '--boundary', 'HEAD', '--not', remotes])).split('\n');
  const boundary = lines.filter((line) => line.startsWith('-')).map((line) => line.slice(1).trim());
  if (boundary.length <= 1) return boundary[0];
  let best: { commit: string; distance: number } | undefined;
  for (const commit of boundary) {
    const distance = Number((await readGit(git, ['rev-list', '--count', `${commit}..HEAD`])).trim());
    if (!best || distance < best.distance) best = { commit, distance };
  }
  return best?.commit;
}

async function pickBranch(git: SimpleGit, prefix: string, commit: string, branch: string | undefined, defaultRef: string): Promise<string | undefined> {
  const containing = (await readGit(git, ['for-each-ref', '--format=%(refname)', '--contains', commit, prefix]))
    .split('\n')
    .filter((ref) => ref.startsWith(prefix) && ref !== `${prefix}HEAD`);
  if (containing.length === 0) return undefined;
  const preferred = [
    branch ? (await readGit(git, ['for-each-ref', '--format=%(upstream)', `refs/heads/${branch}`])).trim() : '',
    branch ? `${prefix}${branch}` : '',
    defaultRef,
  ];
  const chosen = preferred.find((ref) => ref !== '' && containing.includes(ref)) ?? containing.sort()[0] ?? '';
  return chosen.slice(prefix.length) || undefined;
}
