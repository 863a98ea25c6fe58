import { lstat, realpath, stat } from 'node:fs/promises';
import * as path from 'node:path';

export interface SkippedPath {
  /** Relative to the root, with `/`. */
  readonly path: string;
  /** Why it is not uploaded, in words for a log line. */
  readonly reason: string;
}

export type PathCheck = { readonly size: number } | { readonly reason: string } | { readonly missing: true };

/** A relative path that stays inside its root: not absolute, no `..` segment, no NUL. */
export function isSafeRelativePath(relative: string): boolean {
  if (relative === '' || relative.includes('\0') || path.isAbsolute(relative) || /^[A-Za-z]:/.test(relative)) return false;
  return !relative.split(/[\\/]/).includes('..');
}

/**
 * Decides whether `relative` may be uploaded from `root` (whose real path is `rootReal`): a regular file, or a link
 * to a regular file inside the root. Links that leave the root are refused: they would copy private files (say
 * `~/.ssh/id_rsa`) into the sandbox.
 */
export async function checkUploadPath(root: string, rootReal: string, relative: string): Promise<PathCheck> {
  if (!isSafeRelativePath(relative)) return { reason: 'the path leaves the folder' };
  const absolute = path.join(root, relative);
  const own = await lstat(absolute).catch(() => undefined);
  if (!own) return { missing: true };
  if (own.isFile()) {
    // A parent folder may itself be a link out of the root.
    const real = await realpath(absolute).catch(() => undefined);
    if (real === undefined || !isInside(rootReal, real)) return { reason: 'it is reached through a link that points outside the folder' };
    return { size: own.size };
  }
  if (own.isDirectory()) return { reason: 'it is a folder' };
  if (!own.isSymbolicLink()) return { reason: 'it is not a regular file' };
  const real = await realpath(absolute).catch(() => undefined);
  if (real === undefined) return { reason: 'it is a broken link' };
  if (!isInside(rootReal, real)) return { reason: 'it is a link to a place outside the folder' };
  const target = await stat(real);
  if (target.isDirectory()) return { reason: 'it is a link to a folder' };
  if (!target.isFile()) return { reason: 'it is a link to something that is not a regular file' };
  return { size: target.size };
}

export function isInside(rootReal: string, candidate: string): boolean {
  return candidate === rootReal || candidate.startsWith(rootReal.endsWith(path.sep) ? rootReal : rootReal + path.sep);
}

/** `a\b` → `a/b`: every path Forge hands around uses `/`. */
export function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}
