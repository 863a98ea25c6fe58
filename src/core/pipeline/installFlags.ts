// The install's fast flags: use what the cache has without asking the registry first, and skip the audit and
// funding requests (network round trips whose output a preview never shows).
import * as path from 'node:path';
import type { DetectedApp } from '../types';
import { seedNpmCacheCommand } from './npmCacheSeed';

/** `npm ci` → `npm ci --prefer-offline --no-audit --no-fund`; pnpm gets `--prefer-offline`; others as they are. */
export function fastInstallCommand(command: string): string {
  if (/^npm (ci|install|i)(\s|$)/.test(command)) return `${command} --prefer-offline --no-audit --no-fund`;
  if (/^pnpm (install|i)(\s|$)/.test(command)) return `${command} --prefer-offline`;
  return command;
}

/** The lower-cache step for npm apps with npm's lockfile and a cache folder of their own (the cache volume). */
export function cacheSeedCommand(app: DetectedApp, useCacheVolume: boolean): string | undefined {
  if (!useCacheVolume || app.packageManager !== 'npm' || !app.lockfile) return undefined;
  if (!/(^|\/)(package-lock|npm-shrinkwrap)\.json$/.test(app.lockfile)) return undefined;
  return seedNpmCacheCommand(path.posix.relative(app.installPath || '.', app.lockfile), '$npm_config_cache');
}
