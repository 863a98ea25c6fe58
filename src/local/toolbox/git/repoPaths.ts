// Resolving the `path` of a git request: a directory inside the sandbox.
import { promises as fsp } from 'node:fs';
import type { LocalSandbox } from '../../contracts';
import { DaemonError, fsError } from '../daemonError';
import { resolveSandboxPath, type ResolvedPath } from '../paths';

export async function repoDirectory(sandbox: LocalSandbox, raw: string | undefined | null): Promise<ResolvedPath> {
  if (!raw) throw new DaemonError(400, 'BAD_REQUEST', 'path is required');
  const dir = await resolveSandboxPath(sandbox, raw);
  const stat = await fsp.stat(dir.host).catch((err: unknown) => Promise.reject(fsError(err, dir.inside)));
  if (!stat.isDirectory()) throw new DaemonError(400, 'INVALID_FILE_PATH', `not a directory: ${dir.inside}`);
  return dir;
}
