// Walks a directory tree inside the sandbox without following symlinks out of it (find and search).
import { promises as fsp } from 'node:fs';
import path from 'node:path';

export interface WalkedFile {
  readonly hostPath: string;
  /** Path relative to the walk's start, with `/`. */
  readonly relative: string;
}

/** Regular files under `hostDir`; symlinks are not followed, so the walk cannot leave the sandbox. */
export async function* walkFiles(hostDir: string, relative = ''): AsyncGenerator<WalkedFile> {
  let entries;
  try {
    entries = await fsp.readdir(hostDir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const hostPath = path.join(hostDir, entry.name);
    const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) yield* walkFiles(hostPath, rel);
    else if (entry.isFile()) yield { hostPath, relative: rel };
  }
}
