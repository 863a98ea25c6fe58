import { gitAt } from '../repo/git';
import { ForgeError } from '../../common/errors';

/**
 * Runs a git command in `dir` that reaches the remote (ls-remote, fetch): the host hardening of `gitAt` with the
 * user's own transports and credentials.
 */
export function hostGit(dir: string, args: readonly string[], signal?: AbortSignal): Promise<string> {
  return gitAt(dir, signal, { network: true }).raw([...args]);
}

/** A remote given to git as an argument must not be taken for an option (`--upload-pack=…`). */
export function requireRemoteArg(remote: string): string {
  if (remote.startsWith('-')) throw new ForgeError('unsupported-remote', `The remote "${remote}" starts with "-", which git would read as an option.`, { hint: 'Fix the URL of origin (`git remote set-url origin <url>`).' });
  return remote;
}
