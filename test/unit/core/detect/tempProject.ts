import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** A throwaway project folder made of `files` (relative path → content). */
export async function tempProject(files: Readonly<Record<string, string>>, parent?: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(parent ?? tmpdir(), 'forge-detect-'));
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
    await writeFile(path.join(dir, relative), content);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
