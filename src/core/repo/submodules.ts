import { access } from 'node:fs/promises';
import * as path from 'node:path';
import type { SimpleGit } from 'simple-git';
import { readGit, splitNul } from './git';

/**
 * Paths of the submodules declared in `.gitmodules` (relative to the root, with `/`). Forge does not recurse into
 * them: their content is another repository's and is neither listed as a change nor uploaded.
 */
export async function listSubmodules(git: SimpleGit, root: string): Promise<string[]> {
  try {
    await access(path.join(root, '.gitmodules'));
  } catch {
    return [];
  }
  const output = await readGit(git, ['config', '-z', '--file', '.gitmodules', '--get-regexp', String.raw`^submodule\..*\.path$`]);
  // Each entry is `key\nvalue\0`.
  return splitNul(output)
    .map((entry) => entry.slice(entry.indexOf('\n') + 1).replace(/\/+$/, ''))
    .filter((value) => value !== '');
}
