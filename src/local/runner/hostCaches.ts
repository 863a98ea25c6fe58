// The user's own package caches, shown read-only inside isolated sandboxes: a first preview on this machine can
// install from what the user already downloaded (the install step copies what it needs into the sandbox's own,
// writable cache). Read-only, so repository code cannot write into the user's cache.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the user's npm content cache shows inside an isolated sandbox (the install step looks there). */
export const INSIDE_HOST_NPM_CACHE = '/run/forge-host-cache/npm';

/**
 * The host's npm cache (`npm_config_cache`, else `~/.npm`), its `_cacache` folder when it exists.
 * `FORGE_LOCAL_HOST_CACHE=0` turns it off (a benchmark's cold round, a user who wants none of it).
 */
export function hostNpmCache(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['FORGE_LOCAL_HOST_CACHE'] === '0') return undefined;
  const root = env['npm_config_cache'] || env['NPM_CONFIG_CACHE'] || join(homedir(), '.npm');
  const dir = join(root, '_cacache');
  try {
    return statSync(dir).isDirectory() ? dir : undefined;
  } catch {
    return undefined;
  }
}
