// Brings a checkout up to its branch's newest commit in a way that works on Daytona's real daemon, whose
// `git.pull` is go-git's: it ignores the branch and pulls the remote's default branch. So: clone the branch
// (credentials travel in the clone request, never on a command line) beside the checkout, fetch it from there
// with a local fetch, fast-forward, and remove the helper clone.
import type { Sandbox } from '../daytona/port';
import { quote } from 'shell-quote';
import type { GitCredentials } from './gitCredentials';
import { commandOutput, homeRelative } from './sandboxExec';
import { ForgeError } from '../common/errors';

/** `branch`: the branch previewed, for a checkout left detached at a commit (as clones of a commit are). */
export async function pullBranch(sandbox: Sandbox, repoPath: string, credentials: GitCredentials | undefined, previewed?: string): Promise<void> {
  const repo = quote([homeRelative(repoPath)]);
  const branch = (await commandOutput(sandbox, `git -C ${repo} symbolic-ref --short -q HEAD`)) ?? previewed;
  const url = await commandOutput(sandbox, `git -C ${repo} config --get remote.origin.url`);
  if (!branch || !url) throw new ForgeError('no-remote', `The sandbox's checkout ${branch ? 'has no origin remote' : 'is on no branch (detached HEAD)'}: there is nothing to pull.`, { hint: 'Run "Forge: Preview this repo" again to set it up afresh.' });
  const helper = `${repoPath}.forge-pull`;
  await sandbox.fs.deleteFile(helper, true).catch(() => undefined);
  try {
    await sandbox.git.clone(url, helper, branch, undefined, credentials?.username, credentials?.password);
    const merged = await sandbox.process.executeCommand(
      `git -C ${repo} fetch --quiet ${quote([`../${helper.split('/').pop() ?? ''}`])} ${quote([branch])} && git -C ${repo} merge --quiet --ff-only FETCH_HEAD`,
      undefined,
      undefined,
      120,
    );
    if (merged.exitCode !== 0) {
      throw new ForgeError('internal', `Could not bring ${branch} up to date in the sandbox: ${merged.result.trim() || `exit ${merged.exitCode}`}.`, {
        hint: 'The sandbox\'s checkout has diverged from the remote branch; delete the sandbox (Sandboxes view) and preview again.',
      });
    }
  } finally {
    await sandbox.fs.deleteFile(helper, true).catch(() => undefined);
  }
}
