import { simpleGit } from 'simple-git';
import { ForgeError } from '../types';

/**
 * Options that keep a repository's own config from running programs on this machine while Forge reads refs
 * (an fsmonitor hook, repository hooks, the `ext::` transport). The core hardening helper being built on the
 * `trust` branch should replace this list; until then every host git call of src/core/refs goes through here.
 */
export const HOST_GIT_HARDENING: readonly string[] = ['-c', 'core.fsmonitor=', '-c', 'core.hooksPath=/dev/null', '-c', 'protocol.ext.allow=never'];

/**
 * Runs a git command in `dir` through simple-git, configured as `gitAt` (src/core/repo/git.ts) is. simple-git refuses
 * any `-c core.fsmonitor`/`core.hooksPath`/`protocol.*` option unless told otherwise; here they only ever switch the
 * feature off, so exactly those three are allowed.
 */
export function hostGit(dir: string, args: readonly string[], signal?: AbortSignal): Promise<string> {
  const git = simpleGit({
    baseDir: dir,
    maxConcurrentProcesses: 4,
    config: ['core.quotePath=false', 'color.ui=false'],
    completion: { onClose: true, onExit: false },
    unsafe: { allowUnsafeFsMonitor: true, allowUnsafeHooksPath: true, allowUnsafeProtocolOverride: true },
    ...(signal ? { abort: signal } : {}),
  });
  return git.raw([...HOST_GIT_HARDENING, ...args]);
}

/** A remote given to git as an argument must not be taken for an option (`--upload-pack=…`). */
export function requireRemoteArg(remote: string): string {
  if (remote.startsWith('-')) throw new ForgeError('unsupported-remote', `The remote "${remote}" starts with "-", which git would read as an option.`, { hint: 'Fix the URL of origin (`git remote set-url origin <url>`).' });
  return remote;
}
