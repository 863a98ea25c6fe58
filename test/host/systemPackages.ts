// Debian packages the harness needs. On a fresh machine (CI runs as root) they are installed here with apt-get;
// elsewhere a clear message says what to install.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCaptured, runChecked } from './proc';

interface SystemPackage {
  readonly name: string;
  readonly why: string;
}

/**
 * Every Debian package any tier needs, in one list (systemPackages.json) that .ci/run reads too.
 * The harness installs them before the first tier, so no test is skipped for want of one on a fresh machine.
 */
export const HOST_PACKAGES: readonly SystemPackage[] = JSON.parse(fs.readFileSync(path.join(__dirname, 'systemPackages.json'), 'utf8')) as SystemPackage[];

/** Names dpkg reports as installed (one dpkg-query for all; it exits non-zero when one is unknown). */
async function installedAmong(names: readonly string[]): Promise<Set<string>> {
  const result = await runCaptured('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...names]);
  const installed = result.output
    .split('\n')
    .filter((line) => line.endsWith('install ok installed'))
    .map((line) => line.split(' ')[0] ?? '');
  return new Set(installed);
}

/**
 * Installs the missing packages with apt-get (running `apt-get update` only when something is missing).
 * Needs root; without it, or without apt/dpkg, throws with the command to run.
 */
export async function ensureSystemPackages(packages: readonly SystemPackage[] = HOST_PACKAGES): Promise<void> {
  if (!fs.existsSync('/usr/bin/dpkg-query')) {
    if (fs.existsSync('/usr/bin/chromium') || process.env['FORGE_CHROMIUM']) return; // not Debian: trust what is there
    throw new Error('The integration tier needs Chromium (set FORGE_CHROMIUM to its path) and a C++ toolchain for code-server.');
  }
  const installed = await installedAmong(packages.map((p) => p.name));
  const missing = packages.filter((p) => !installed.has(p.name));
  if (missing.length === 0) return;

  const names = missing.map((p) => p.name);
  const command = `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${names.join(' ')}`;
  if (process.getuid?.() !== 0) {
    const reasons = missing.map((p) => `  ${p.name}: ${p.why}`).join('\n');
    throw new Error(`Missing Debian packages:\n${reasons}\nInstall them as root: ${command}`);
  }
  console.log(`[forge-test] installing ${names.join(', ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runChecked('apt-get', ['update'], { env, timeoutMs: 10 * 60_000 });
  await runChecked('apt-get', ['install', '-y', ...names], { env, timeoutMs: 20 * 60_000 });
}
