import * as os from 'node:os';
import * as path from 'node:path';

/** The checkout (test/host/ is two levels down). */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** Gitignored outputs of a test run: screenshots, results. */
export const artifactsDir = path.join(repoRoot, '.test-artifacts');
export const screenshotsDir = path.join(artifactsDir, 'screenshots');

/**
 * Installs the harness reuses between runs live outside the checkout (they are large and machine-specific):
 * FORGE_TEST_CACHE, else $XDG_CACHE_HOME/forge-test, else ~/.cache/forge-test.
 */
export function cacheRoot(): string {
  const override = process.env['FORGE_TEST_CACHE'];
  if (override) return path.resolve(override);
  const xdg = process.env['XDG_CACHE_HOME'];
  return path.join(xdg ? path.resolve(xdg) : path.join(os.homedir(), '.cache'), 'forge-test');
}

export const integrationBundle = path.join(repoRoot, 'dist', 'test', 'integration', 'index.js');
