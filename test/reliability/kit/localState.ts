// What the user has locally: every file's content hash, `git status`, HEAD, branch and stash. A preview must leave
// all of it exactly as it was, whatever goes wrong.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { tryGit } from '../../support/git';

export async function snapshotLocal(dir: string): Promise<string> {
  if (!existsSync(dir)) return 'absent';
  const hash = createHash('sha256');
  for (const file of await listAll(dir)) {
    hash.update(`${path.relative(dir, file)}\0`);
    const info = await stat(file);
    // Huge files (the 200 MB case) by size and mtime: reading them would only slow the suite down.
    hash.update(info.size > 16 * 1024 * 1024 ? `${info.size} ${info.mtimeMs}` : await readFile(file));
  }
  const parts = [`files ${hash.digest('hex')}`];
  if (existsSync(path.join(dir, '.git'))) {
    for (const args of [['status', '--porcelain=v1', '--untracked-files=all', '--ignored'], ['rev-parse', 'HEAD'], ['symbolic-ref', '-q', 'HEAD'], ['stash', 'list'], ['config', '--local', '--list']]) {
      const run = await tryGit(dir, args);
      parts.push(`${args.join(' ')}: ${run.code} ${run.stdout.trim()}`);
    }
  }
  return parts.join('\n');
}

async function listAll(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (current: string): Promise<void> => {
    const entries = await readdir(current, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      // git's own bookkeeping (index stat cache, FETCH_HEAD) may be refreshed by read-only commands.
      if (entry.name === 'index' && path.basename(current) === '.git') continue;
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) out.push(full);
    }
  };
  await walk(dir);
  return out;
}
