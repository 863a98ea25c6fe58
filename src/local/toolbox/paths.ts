// Maps paths as the sandbox sees them (`<home>/...`, volume mount paths, relative paths) onto host
// paths, and refuses anything that escapes the sandbox: `..` tricks, other absolute paths, and symlinks
// whose real target lies outside. Every file route resolves through here before touching the disk.
//
// Known limit: the check and the later use are separate system calls, so a process inside the sandbox that
// swaps a directory for a symlink in between could race it (no openat/O_NOFOLLOW walk in Node).
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { LocalSandbox } from '../contracts';
import { DaemonError } from './daemonError';


interface Root {
  /** Where the root appears inside the sandbox. */
  readonly inside: string;
  readonly host: string;
}

export interface ResolvedPath {
  /** Normalised absolute path as the sandbox sees it. */
  readonly inside: string;
  /** Host path with symlinks resolved, guaranteed to lie inside one of the sandbox's roots. */
  readonly host: string;
}

/** Normalises a path given by a client into an absolute sandbox path (relative paths start at the home). */
export function toInsidePath(raw: string, home: string): string {
  if (raw.trim() === '') throw invalidPath('path is empty');
  if (raw.includes('\0')) throw invalidPath('path contains a NUL byte');
  const absolute = raw.startsWith('/') ? raw : path.posix.join(home, raw);
  const normalised = path.posix.normalize(absolute);
  return normalised.length > 1 && normalised.endsWith('/') ? normalised.slice(0, -1) : normalised;
}

function roots(sandbox: LocalSandbox): Root[] {
  const all: Root[] = [{ inside: sandbox.insideHome, host: sandbox.homeDir }];
  for (const v of sandbox.volumes) all.push({ inside: path.posix.normalize(v.mountPath).replace(/\/$/, ''), host: v.hostDir });
  // Longest mount path first, so a volume under the home wins over the home.
  return all.sort((a, b) => b.inside.length - a.inside.length);
}

function within(child: string, parent: string, sep: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);
}

/** The host path of a sandbox path, without touching the disk (no symlink check). */
export function lexicalHostPath(sandbox: LocalSandbox, inside: string): string {
  const root = roots(sandbox).find((r) => within(inside, r.inside, '/'));
  if (!root) throw accessDenied(inside, sandbox.insideHome);
  const rest = inside.slice(root.inside.length).replace(/^\//, '');
  return rest === '' ? root.host : path.join(root.host, ...rest.split('/'));
}

/** The sandbox path of a host path inside one of its roots (for paths the toolbox reports back). */
export function toSandboxPath(sandbox: LocalSandbox, hostPath: string, realRoots?: readonly Root[]): string {
  for (const r of realRoots ?? roots(sandbox)) {
    if (within(hostPath, r.host, path.sep)) {
      const rest = path.relative(r.host, hostPath).split(path.sep).join('/');
      return rest === '' ? r.inside : path.posix.join(r.inside, rest);
    }
  }
  return hostPath;
}

async function realRoots(sandbox: LocalSandbox): Promise<Root[]> {
  return Promise.all(roots(sandbox).map(async (r) => ({ inside: r.inside, host: await fsp.realpath(r.host).catch(() => path.resolve(r.host)) })));
}

/**
 * Resolves a client path to a real host path inside the sandbox.
 * `followFinal: false` resolves only the parent, so the last component may itself be a symlink (delete, move).
 */
export async function resolveSandboxPath(sandbox: LocalSandbox, raw: string, followFinal = true): Promise<ResolvedPath> {
  const inside = toInsidePath(raw, sandbox.insideHome);
  const lexical = lexicalHostPath(sandbox, inside);
  const real = followFinal ? await realpathAllowingMissing(lexical, inside) : path.join(await realpathAllowingMissing(path.dirname(lexical), inside), path.basename(lexical));
  const allowed = await realRoots(sandbox);
  if (!allowed.some((r) => within(real, r.host, path.sep))) throw accessDenied(inside, sandbox.insideHome);
  return { inside, host: real };
}

/** Converts a host path found while walking (readdir, search) back to the sandbox path, or undefined when it escapes. */
export async function checkedSandboxPath(sandbox: LocalSandbox, hostPath: string): Promise<string | undefined> {
  const allowed = await realRoots(sandbox);
  const real = await fsp.realpath(hostPath).catch(() => undefined);
  if (real === undefined || !allowed.some((r) => within(real, r.host, path.sep))) return undefined;
  return toSandboxPath(sandbox, hostPath, roots(sandbox));
}

/** realpath of the deepest existing ancestor, plus the missing tail. A dangling symlink on the way is refused. */
async function realpathAllowingMissing(hostPath: string, inside: string): Promise<string> {
  const tail: string[] = [];
  let current = hostPath;
  for (;;) {
    try {
      return path.join(await fsp.realpath(current), ...tail);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ELOOP') throw accessDenied(inside);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
      // realpath failed: a dangling symlink must not be written through. A concurrent upload may have created
      // the entry in between, so an entry that now resolves is fine; only one that still does not is dangling.
      const linkExists = await fsp.lstat(current).then(
        () => true,
        () => false,
      );
      if (linkExists) {
        const now = await fsp.realpath(current).catch(() => undefined);
        if (now === undefined) throw accessDenied(inside);
        return path.join(now, ...tail);
      }
      const parent = path.dirname(current);
      if (parent === current) throw accessDenied(inside);
      tail.unshift(path.basename(current));
      current = parent;
    }
  }
}

export function accessDenied(inside: string, home = 'the home'): DaemonError {
  return new DaemonError(403, 'FILE_ACCESS_DENIED', `access denied: ${inside} is outside the sandbox (only ${home} and mounted volumes are reachable)`);
}

function invalidPath(message: string): DaemonError {
  return new DaemonError(400, 'INVALID_FILE_PATH', message);
}
