// File routes that act on one path: list, info, folder, delete, permissions, move.
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { LocalSandbox } from '../../contracts';
import { badRequest, DaemonError, fsError } from '../daemonError';
import { requireQuery, sendEmpty, sendJson } from '../http';
import { checkedSandboxPath, resolveSandboxPath } from '../paths';
import type { Router } from '../router';
import { toFileInfo, type FileInfo } from './fileInfo';

export function registerBasicFileRoutes(router: Router): void {
  registerReadRoutes(router);
  registerFolderAndDeleteRoutes(router);
  registerPermissionAndMoveRoutes(router);
}

/** list, info. */
function registerReadRoutes(router: Router): void {
  router.add('GET', '/files', async ({ res, sandbox, url }) => {
    const raw = url.searchParams.get('path') || '.';
    const depthParam = url.searchParams.get('depth');
    const depth = depthParam === null ? 1 : Number(depthParam);
    if (!Number.isInteger(depth) || depth < 1) throw badRequest('depth must be an integer of at least 1');
    const dir = await resolveSandboxPath(sandbox, raw);
    const stat = await fsp.stat(dir.host).catch((err: unknown) => Promise.reject(fsError(err, dir.inside)));
    if (!stat.isDirectory()) throw new DaemonError(400, 'INVALID_FILE_PATH', `not a directory: ${dir.inside}`);
    sendJson(res, 200, await listDirectory(sandbox, dir.host, dir.inside, depth));
  });

  router.add('GET', '/files/info', async ({ res, sandbox, url }) => {
    const target = await resolveSandboxPath(sandbox, requireQuery(url, 'path'));
    try {
      sendJson(res, 200, toFileInfo(path.posix.basename(target.inside) || '/', await fsp.stat(target.host), target.inside));
    } catch (err) {
      throw fsError(err, target.inside);
    }
  });
}

/** folder (create), delete. */
function registerFolderAndDeleteRoutes(router: Router): void {
  router.add('POST', '/files/folder', async ({ res, sandbox, url }) => {
    const target = await resolveSandboxPath(sandbox, requireQuery(url, 'path'));
    const mode = parseMode(url.searchParams.get('mode'), 0o755);
    try {
      await fsp.mkdir(target.host, { recursive: true, mode });
      await fsp.chmod(target.host, mode);
    } catch (err) {
      throw fsError(err, target.inside);
    }
    sendEmpty(res, 201);
  });

  router.add('DELETE', '/files', async ({ res, sandbox, url }) => {
    const target = await resolveSandboxPath(sandbox, requireQuery(url, 'path'), false);
    const recursive = url.searchParams.get('recursive') === 'true';
    try {
      const stat = await fsp.lstat(target.host);
      if (stat.isDirectory() && !recursive) {
        throw new DaemonError(400, 'INVALID_FILE_PATH', `${target.inside} is a directory: pass recursive=true to delete it`);
      }
      // rm never follows a symlink: deleting a link removes the link, not its target.
      await fsp.rm(target.host, { recursive, force: false });
    } catch (err) {
      throw fsError(err, target.inside);
    }
    sendEmpty(res, 204);
  });
}

/** permissions, move. */
function registerPermissionAndMoveRoutes(router: Router): void {
  router.add('POST', '/files/permissions', async ({ res, sandbox, url }) => {
    const target = await resolveSandboxPath(sandbox, requireQuery(url, 'path'));
    const mode = url.searchParams.get('mode');
    const owner = url.searchParams.get('owner');
    const group = url.searchParams.get('group');
    try {
      if (mode) await fsp.chmod(target.host, parseMode(mode, 0o644));
      if (owner || group) {
        const stat = await fsp.stat(target.host);
        await fsp.chown(target.host, parseId(owner, stat.uid), parseId(group, stat.gid));
      }
    } catch (err) {
      throw fsError(err, target.inside);
    }
    sendEmpty(res, 200);
  });

  router.add('POST', '/files/move', async ({ res, sandbox, url }) => {
    const source = await resolveSandboxPath(sandbox, requireQuery(url, 'source'), false);
    const destination = await resolveSandboxPath(sandbox, requireQuery(url, 'destination'), false);
    try {
      await fsp.lstat(source.host);
      await fsp.mkdir(path.dirname(destination.host), { recursive: true });
      await fsp.rename(source.host, destination.host);
    } catch (err) {
      throw fsError(err, (err as NodeJS.ErrnoException).path === destination.host ? destination.inside : source.inside);
    }
    sendEmpty(res, 200);
  });
}

async function listDirectory(sandbox: LocalSandbox, hostDir: string, insideDir: string, depth: number): Promise<FileInfo[]> {
  const out: FileInfo[] = [];
  const entries = await fsp.readdir(hostDir, { withFileTypes: true }).catch((err: unknown) => Promise.reject(fsError(err, insideDir)));
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const hostPath = path.join(hostDir, entry.name);
    const insidePath = path.posix.join(insideDir, entry.name);
    // A symlink is described by its target only when the target is inside the sandbox.
    const followable = !entry.isSymbolicLink() || (await checkedSandboxPath(sandbox, hostPath)) !== undefined;
    const stat = await (followable ? fsp.stat(hostPath) : fsp.lstat(hostPath)).catch(() => undefined);
    if (!stat) continue;
    out.push(toFileInfo(entry.name, stat, insidePath));
    if (depth > 1 && stat.isDirectory() && !entry.isSymbolicLink()) {
      out.push(...(await listDirectory(sandbox, hostPath, insidePath, depth - 1).catch(() => [])));
    }
  }
  return out;
}

function parseMode(raw: string | null, fallback: number): number {
  if (raw === null || raw === '') return fallback;
  if (!/^[0-7]{1,4}$/.test(raw)) throw badRequest(`mode must be octal like 755, got ${raw}`);
  return parseInt(raw, 8);
}

function parseId(raw: string | null, fallback: number): number {
  if (raw === null || raw === '') return fallback;
  if (/^\d+$/.test(raw)) return Number(raw);
  // Names other than the sandbox user do not exist here; `daytona` and `root` map onto the current owner.
  if (raw === 'daytona' || raw === 'root') return fallback;
  throw badRequest(`unknown user or group: ${raw}`);
}

