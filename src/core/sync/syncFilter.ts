import ignore from 'ignore';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { isSafeRelativePath, toPosix, type SkippedPath } from '../repo/pathSafety';
import { isOptedIn as optedInto, looksSecret, SECRET_FILE_REASON } from '../repo/secretFiles';
import { inExcludedDir } from '../repo/walk';
import { gitCheckIgnore } from './gitCheckIgnore';

export interface FilterResult {
  readonly keep: readonly string[];
  readonly dropped: readonly SkippedPath[];
}

/** Decides which changed paths may travel to the sandbox. */
export interface SyncFilter {
  filter(paths: readonly string[]): Promise<FilterResult>;
}

/** Never sent, whatever the settings say: VCS data and dependencies. */
const NEVER = new Set(['.git', 'node_modules']);
const CHECK_CHUNK = 200;

/**
 * The same rules as the initial upload (`listFilesToUpload`): paths leaving the root, `.git`, `node_modules` and build
 * output never travel; ignored files (git's own rules in a repository, `.gitignore` files otherwise) travel only when
 * `forge.sync.includeIgnored` names them or a folder above them.
 */
export function createSyncFilter(root: string, includeIgnored: readonly string[]): SyncFilter {
  const optedIn = includeIgnored.map((raw) => toPosix(raw.trim()).replace(/^\.\//, '').replace(/\/+$/, '')).filter((p) => p !== '' && isSafeRelativePath(p));
  const isOptedIn = (relative: string): boolean => optedIn.some((p) => relative === p || relative.startsWith(`${p}/`));
  let useGit: boolean | undefined;
  return {
    async filter(paths) {
      const dropped: SkippedPath[] = [];
      const candidates: string[] = [];
      for (const relative of paths) {
        const reason = neverReason(relative) ?? (looksSecret(relative) && !optedInto(includeIgnored, relative) ? SECRET_FILE_REASON : undefined);
        if (reason) dropped.push({ path: relative, reason });
        else candidates.push(relative);
      }
      const toCheck = candidates.filter((p) => !isOptedIn(p));
      let ignored: ReadonlySet<string> | undefined = toCheck.length === 0 ? new Set() : undefined;
      if (!ignored && useGit !== false) {
        ignored = await gitIgnored(root, toCheck);
        useGit = ignored !== undefined;
      }
      ignored ??= await gitignoreFilesIgnored(root, toCheck);
      const keep: string[] = [];
      for (const relative of candidates) {
        if (ignored.has(relative)) dropped.push({ path: relative, reason: 'it is ignored (forge.sync.includeIgnored opts in)' });
        else keep.push(relative);
      }
      return { keep, dropped };
    },
  };
}

/** Why a path can never travel whatever the settings (leaves the root, `.git`, `node_modules`, build output), if it cannot. */
export function neverReason(relative: string): string | undefined {
  if (!isSafeRelativePath(relative)) return 'the path leaves the repository';
  if (relative.split('/').some((segment) => NEVER.has(segment))) return 'dependencies and git data never travel';
  if (inExcludedDir(relative)) return 'build output never travels';
  return undefined;
}

/** `git check-ignore` over the batch (tracked files are never reported); undefined when `root` is not a repository. */
async function gitIgnored(root: string, paths: readonly string[]): Promise<Set<string> | undefined> {
  const ignored = new Set<string>();
  for (let i = 0; i < paths.length; i += CHECK_CHUNK) {
    const chunk = paths.slice(i, i + CHECK_CHUNK);
    try {
      for (const p of await gitCheckIgnore(root, chunk)) ignored.add(p);
    } catch (error) {
      if (/not a git repository/i.test(String(error)) || (error as { code?: unknown }).code === 'ENOENT') return undefined;
      // One bad path (say, inside a submodule) fails the whole call: check each alone, refusing those git cannot.
      for (const p of chunk) {
        const verdict = await gitCheckIgnore(root, [p]).catch(() => [p]);
        if (verdict.length > 0) ignored.add(p);
      }
    }
  }
  return ignored;
}

/** Without git: every `.gitignore` from the root down to the file's folder applies, deeper ones last. */
async function gitignoreFilesIgnored(root: string, paths: readonly string[]): Promise<Set<string>> {
  const cache = new Map<string, ReturnType<typeof ignore> | undefined>();
  const rulesIn = async (dir: string): Promise<ReturnType<typeof ignore> | undefined> => {
    if (!cache.has(dir)) {
      const text = await readFile(path.join(root, dir, '.gitignore'), 'utf8').catch(() => undefined);
      cache.set(dir, text === undefined ? undefined : ignore().add(text));
    }
    return cache.get(dir);
  };
  const ignored = new Set<string>();
  for (const relative of paths) {
    const segments = relative.split('/');
    let verdict = false;
    for (let depth = 0; depth < segments.length; depth++) {
      const dir = segments.slice(0, depth).join('/');
      const rules = await rulesIn(dir);
      if (!rules) continue;
      const rest = segments.slice(depth);
      // A folder on the way that is ignored hides everything below it, as in git.
      for (let end = 1; end <= rest.length; end++) {
        const candidate = rest.slice(0, end).join('/') + (end < rest.length ? '/' : '');
        const result = rules.test(candidate);
        if (result.ignored) verdict = true;
        else if (result.unignored) verdict = false;
      }
    }
    if (verdict) ignored.add(relative);
  }
  return ignored;
}
