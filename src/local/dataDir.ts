// Where the local backend keeps its sandboxes, and a lock so two servers never share one data directory.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { ForgeError } from '../common/errors';

/** The user cache directory: `$XDG_CACHE_HOME/forge/local` (~/.cache), ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') {
    return join(env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'), 'forge', 'Cache', 'local');
  }
  if (platform === 'darwin') {
    return join(homedir(), 'Library', 'Caches', 'forge', 'local');
  }
  const cache = env['XDG_CACHE_HOME'];
  return join(cache !== undefined && cache !== '' ? cache : join(homedir(), '.cache'), 'forge', 'local');
}

const heldInThisProcess = new Set<string>();

export interface DataDirLock {
  release(): Promise<void>;
}

/** Takes `<dataDir>/server.lock`; a lock left by a process that no longer runs is taken over. */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const dir = resolve(dataDir);
  const file = join(dir, 'server.lock');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const holder = await readHolder(file);
  if (heldInThisProcess.has(dir) || (holder !== undefined && holder !== process.pid && isRunning(holder))) {
    throw new ForgeError('backend-unavailable', `Another Forge local backend (pid ${holder ?? process.pid}) is using ${dir}.`, {
      hint: 'Stop that backend, or give this one another data directory (--data / forge.local.dataDir).',
    });
  }
  heldInThisProcess.add(dir);
  await writeFile(file, `${JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() })}\n`, { mode: 0o600 });
  return {
    release: async () => {
      heldInThisProcess.delete(dir);
      if ((await readHolder(file)) === process.pid) {
        await rm(file, { force: true });
      }
    },
  };
}

async function readHolder(file: string): Promise<number | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    const pid = typeof parsed === 'object' && parsed !== null ? (parsed as { pid?: unknown }).pid : undefined;
    return typeof pid === 'number' ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
