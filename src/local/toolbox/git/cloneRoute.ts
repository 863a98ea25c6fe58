// POST /git/clone: url, path, branch, commit_id, username/password, depth, insecure_skip_tls.
// Single-branch like the daemon; a commit id is checked out detached after the clone.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { LocalSandbox } from '../../contracts';
import { DaemonError, fsError } from '../daemonError';
import { optionalBoolean, optionalNumber, optionalString, readJson, requireString, sendEmpty } from '../http';
import { resolveSandboxPath } from '../paths';
import type { Router } from '../router';
import { cleanCloneUrl } from './cloneUrl';
import type { GitCredentials, GitRunner } from './gitRunner';

export function registerCloneRoute(router: Router, git: GitRunner): void {
  router.add('POST', '/git/clone', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    const { url, embedded } = cleanCloneUrl(requireString(body, 'url'));
    const username = optionalString(body, 'username');
    const password = optionalString(body, 'password');
    const credentials: GitCredentials | undefined = username && password ? { username, password } : embedded;
    const target = await resolveSandboxPath(sandbox, requireString(body, 'path'));
    const existed = await ensureEmptyTarget(target.host, target.inside);
    const parent = path.posix.dirname(target.inside);

    const args = ['clone', '--single-branch'];
    const branch = optionalString(body, 'branch');
    if (branch) args.push('--branch', branch);
    const depth = optionalNumber(body, 'depth');
    if (depth !== undefined && depth > 0) args.push('--depth', String(Math.floor(depth)));
    if (optionalBoolean(body, 'insecure_skip_tls')) args.unshift('-c', 'http.sslVerify=false');
    args.push('--', url, target.inside === parent ? '.' : path.posix.basename(target.inside));

    try {
      await git.run(sandbox, parent, args, 'git clone', credentials);
      const commit = optionalString(body, 'commit_id');
      if (commit) await checkoutCommit(git, sandbox, target.inside, commit, depth, credentials);
    } catch (err) {
      // Leave nothing half-cloned behind, but never remove a directory the caller already had.
      if (existed) for (const entry of await fsp.readdir(target.host).catch(() => [])) await fsp.rm(path.join(target.host, entry), { recursive: true, force: true });
      else await fsp.rm(target.host, { recursive: true, force: true }).catch(() => undefined);
      throw err;
    }
    sendEmpty(res, 200);
  });
}

/** git refuses a non-empty destination; say so before starting, and create the parent like `mkdir -p`. */
async function ensureEmptyTarget(host: string, inside: string): Promise<boolean> {
  const entries = await fsp.readdir(host).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(fsError(err, inside))));
  if (entries && entries.length > 0) throw new DaemonError(409, 'CONFLICT', `destination ${inside} already exists and is not empty`);
  await fsp.mkdir(path.dirname(host), { recursive: true }).catch((err: unknown) => Promise.reject(fsError(err, inside)));
  return entries !== undefined;
}

async function checkoutCommit(git: GitRunner, sandbox: LocalSandbox, repo: string, commit: string, depth: number | undefined, credentials: GitCredentials | undefined): Promise<void> {
  const first = await git.exec(sandbox, repo, ['checkout', '--detach', commit]);
  if (first.code === 0) return;
  // Not in the cloned history (other branch, or beyond a shallow depth): fetch that commit, then retry.
  await git.run(sandbox, repo, ['fetch', ...(depth ? ['--depth', String(Math.floor(depth))] : []), 'origin', commit], 'git fetch', credentials);
  await git.run(sandbox, repo, ['checkout', '--detach', commit], 'git checkout');
}
