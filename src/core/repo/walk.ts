import ignore, { type Ignore } from 'ignore';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';

/** Folders never uploaded from a folder without git: dependencies, VCS data and common build output. */
export const ALWAYS_EXCLUDED_DIRS: ReadonlySet<string> = new Set([
  'node_modules', '.git', 'dist', '.next', '.nuxt', '.svelte-kit', '.astro', 'build', '.turbo', '.cache', 'coverage',
]);

/** True when a file lies under one of `ALWAYS_EXCLUDED_DIRS` (for untracked files git did not ignore). */
export function inExcludedDir(relative: string): boolean {
  return relative.split('/').slice(0, -1).some((segment) => ALWAYS_EXCLUDED_DIRS.has(segment));
}

interface IgnoreScope {
  /** Folder of the .gitignore, relative to the walk root, `` for the root, else ending in `/`. */
  readonly base: string;
  readonly rules: Ignore;
}

export interface WalkEntry {
  /** Relative to the walk root, with `/`. */
  readonly path: string;
  /** True for symbolic links: never followed here, checked by the caller. */
  readonly isLink: boolean;
}

/**
 * Lists the files under `root` the way git would see them as untracked-but-not-ignored: every `.gitignore` on the way
 * applies to its own folder and below (deeper files win, `!pattern` re-includes), and `ALWAYS_EXCLUDED_DIRS` are
 * skipped at any depth. Links are reported, not followed, so a link cycle cannot trap the walk.
 */
export async function walkFolder(root: string, options: { useGitignore?: boolean; excludeDirs?: ReadonlySet<string> } = {}): Promise<WalkEntry[]> {
  const entries: WalkEntry[] = [];
  const excludeDirs = options.excludeDirs ?? ALWAYS_EXCLUDED_DIRS;
  const useGitignore = options.useGitignore ?? true;
  const visit = async (relativeDir: string, scopes: readonly IgnoreScope[]): Promise<void> => {
    const absoluteDir = path.join(root, relativeDir);
    const dirents = await readdir(absoluteDir, { withFileTypes: true }).catch(() => []);
    const own = useGitignore ? await readIgnoreFile(absoluteDir, relativeDir) : undefined;
    const active = own ? [...scopes, own] : scopes;
    for (const dirent of dirents.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const relative = relativeDir + dirent.name;
      if (dirent.isDirectory()) {
        if (excludeDirs.has(dirent.name) || isIgnored(active, `${relative}/`)) continue;
        await visit(`${relative}/`, active);
      } else if (!isIgnored(active, relative)) {
        entries.push({ path: relative, isLink: dirent.isSymbolicLink() });
      }
    }
  };
  await visit('', []);
  return entries;
}

async function readIgnoreFile(absoluteDir: string, relativeDir: string): Promise<IgnoreScope | undefined> {
  const text = await readFile(path.join(absoluteDir, '.gitignore'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : { base: relativeDir, rules: ignore().add(text) };
}

/** Git's precedence: the last scope that has an opinion (ignore or re-include) decides. */
function isIgnored(scopes: readonly IgnoreScope[], relative: string): boolean {
  let ignored = false;
  for (const scope of scopes) {
    const result = scope.rules.test(relative.slice(scope.base.length));
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}
