// POST /git/pull as the v0.190 daemon does it: go-git's `Worktree.Pull` with RemoteName "origin" and nothing else
// (apps/daemon/pkg/git/pull.go, apps/daemon/pkg/toolbox/git/pull.go). The request's branch and remote are ignored;
// go-git resolves the reference `HEAD` among the remote's references, i.e. the remote's default branch, and moves
// the current HEAD to it only as a fast-forward: equal is "already up to date" (200), anything else is
// ErrNonFastForwardUpdate, a 409 "conflict: non-fast-forward update". Before that, go-git's fetch with no
// RefSpecs uses the remote's configured ones (remote.go: `o.RefSpecs = r.c.Fetch`), so every `remote.origin.fetch`
// spec (a pull request head Forge added, say) is fetched too.
import type { LocalSandbox } from '../../contracts';
import { DaemonError } from '../daemonError';
import type { GitCredentials, GitRunner } from './gitRunner';

export async function goGitPull(git: GitRunner, sandbox: LocalSandbox, repo: string, credentials: GitCredentials | undefined): Promise<void> {
  await git.run(sandbox, repo, ['fetch', '--quiet', 'origin'], 'git pull', credentials);
  await git.run(sandbox, repo, ['fetch', '--quiet', 'origin', 'HEAD'], 'git pull', credentials);
  const remoteHead = (await git.run(sandbox, repo, ['rev-parse', 'FETCH_HEAD'], 'git pull')).stdout.trim();
  const head = (await git.run(sandbox, repo, ['rev-parse', 'HEAD'], 'git pull')).stdout.trim();
  if (remoteHead === head) return;
  const fastForward = await git.exec(sandbox, repo, ['merge-base', '--is-ancestor', head, remoteHead]);
  if (fastForward.code !== 0) throw new DaemonError(409, 'CONFLICT', 'conflict: non-fast-forward update');
  await git.run(sandbox, repo, ['merge', '--quiet', '--ff-only', remoteHead], 'git pull');
}
