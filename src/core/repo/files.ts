import { realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { ForgeError } from '../../common/errors';
import { gitAt, gitFailure, isGitMissing, isNotARepository, readGit, splitNul } from './git';
import { checkUploadPath, isSafeRelativePath, toPosix, type SkippedPath } from './pathSafety';
import { SECRET_FILE_REASON, withoutSecretFiles } from './secretFiles';
import { listSubmodules } from './submodules';
import { ALWAYS_EXCLUDED_DIRS, inExcludedDir, walkFolder } from './walk';

export interface FileToUpload {
  /** Relative to the root, with `/`. */
  readonly path: string;
  readonly size: number;
}

export interface UploadListing {
  /** Sorted by path. */
  readonly files: readonly FileToUpload[];
  readonly skipped: readonly SkippedPath[];
  readonly totalBytes: number;
  /** `git` (tracked + untracked-not-ignored) or `walk` (a folder without git). */
  readonly source: 'git' | 'walk';
}

export interface ListFilesOptions {
  /** Ignored files (or folders) to upload anyway, relative to the root (`forge.sync.includeIgnored`, e.g. `.env`). */
  readonly includeIgnored?: readonly string[];
  readonly signal?: AbortSignal;
}

/**
 * The files to upload for a folder that a sandbox cannot clone (no git, no remote, nothing pushed): with git,
 * tracked plus untracked-not-ignored files; without git, every file except what `.gitignore` files ignore and
 * dependency/build folders. Links leaving the folder, paths with `..`, submodules and ignored files (unless listed
 * in `includeIgnored`) are never included; the refused ones come back in `skipped`.
 */
export async function listFilesToUpload(root: string, options: ListFilesOptions = {}): Promise<UploadListing> {
  const absoluteRoot = path.resolve(root);
  const rootReal = await realpath(absoluteRoot).catch((cause: unknown) => {
    throw new ForgeError('no-workspace', `The folder ${absoluteRoot} does not exist.`, { cause });
  });
  const skipped: SkippedPath[] = [];
  const listed = await listWithGit(absoluteRoot, options.signal, skipped);
  const listedOrWalked = listed ?? (await walkFolder(absoluteRoot)).map((entry) => entry.path);
  const { keep: candidates, secret } = withoutSecretFiles(listedOrWalked, (p) => p, options.includeIgnored ?? []);
  skipped.push(...secret.map((p) => ({ path: p, reason: SECRET_FILE_REASON })));
  const wanted = new Set(candidates);
  const named = new Set<string>();
  for (const extra of await expandIncluded(absoluteRoot, options.includeIgnored ?? [], skipped)) {
    wanted.add(extra.path);
    if (extra.named) named.add(extra.path);
  }

  const files: FileToUpload[] = [];
  for (const relative of [...wanted].sort()) {
    const check = await checkUploadPath(absoluteRoot, rootReal, relative);
    if ('size' in check) files.push({ path: relative, size: check.size });
    else if ('reason' in check) skipped.push({ path: relative, reason: check.reason });
    // A tracked file deleted from disk has nothing to upload; a file the user named should exist.
    else if (named.has(relative)) skipped.push({ path: relative, reason: 'it is listed in forge.sync.includeIgnored but does not exist' });
  }
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);
  return { files, skipped, totalBytes, source: listed ? 'git' : 'walk' };
}

/** Tracked plus untracked-not-ignored files under `root` (git ls-files), or undefined when `root` is not in a repository. */
async function listWithGit(root: string, signal: AbortSignal | undefined, skipped: SkippedPath[]): Promise<string[] | undefined> {
  const git = gitAt(root, signal);
  let output: string;
  try {
    // One call, each path tagged: `? ` untracked, anything else tracked (`H `, `S ` …).
    output = await readGit(git, ['ls-files', '-z', '-t', '--cached', '--others', '--exclude-standard']);
  } catch (error) {
    if (isNotARepository(error) || isGitMissing(error)) return undefined;
    throw gitFailure(root, error);
  }
  const top = path.resolve((await readGit(git, ['rev-parse', '--show-toplevel'])).trim());
  const prefix = toPosix(path.relative(top, root));
  const submodules = new Set((await listSubmodules(git, top)).map((sub) => (prefix ? path.posix.relative(prefix, sub) : sub)));
  const paths = new Set<string>();
  for (const entry of splitNul(output)) {
    const relative = entry.slice(2);
    if (!entry.startsWith('? ')) {
      if (submodules.has(relative)) skipped.push({ path: relative, reason: 'it is a submodule (not uploaded)' });
      else paths.add(relative);
    } else if (relative.endsWith('/')) skipped.push({ path: relative.slice(0, -1), reason: 'it is a nested git repository' });
    // Dependencies and build output are never wanted, even when .gitignore forgot them; tracked ones are deliberate.
    else if (!inExcludedDir(relative)) paths.add(relative);
  }
  return [...paths];
}

/** `forge.sync.includeIgnored` entries: files as named, folders expanded (without ignore rules, minus node_modules). */
async function expandIncluded(root: string, included: readonly string[], skipped: SkippedPath[]): Promise<{ path: string; named: boolean }[]> {
  const paths: { path: string; named: boolean }[] = [];
  for (const raw of included) {
    const relative = toPosix(raw.trim()).replace(/^\.\//, '').replace(/\/+$/, '');
    if (relative === '') continue;
    if (!isSafeRelativePath(relative)) {
      skipped.push({ path: relative, reason: 'forge.sync.includeIgnored names a path outside the folder' });
      continue;
    }
    const inside = await walkFolder(path.join(root, relative), { useGitignore: false, excludeDirs: new Set(['node_modules', '.git']) });
    if (inside.length > 0) paths.push(...inside.map((entry) => ({ path: `${relative}/${entry.path}`, named: false })));
    else paths.push({ path: relative, named: true });
  }
  return paths;
}

export { ALWAYS_EXCLUDED_DIRS };
export type { SkippedPath };
