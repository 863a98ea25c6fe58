import { readdir } from 'node:fs/promises';
import * as path from 'node:path';

// Folders that never hold the app itself.
const SKIPPED = new Set(['node_modules', 'dist', 'build', 'coverage', 'vendor', 'out', 'target']);

/**
 * Folders (relative, with `/`) that hold a package.json, up to `maxDepth` below `root`, for a repository whose app is
 * not at the root (`frontend/`, `web/`, `apps/site/`). A folder with a package.json is not searched further: its
 * own workspace detection covers what is inside.
 */
export async function findSubprojects(root: string, maxDepth = 2): Promise<string[]> {
  const found: string[] = [];
  const visit = async (relative: string, depth: number): Promise<void> => {
    const entries = await readdir(path.join(root, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || SKIPPED.has(entry.name)) continue;
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      const children = await readdir(path.join(root, child)).catch(() => [] as string[]);
      if (children.includes('package.json')) found.push(child);
      else if (depth < maxDepth) await visit(child, depth + 1);
    }
  };
  await visit('', 1);
  return found;
}
