// Makes a starter the way a user does: the generator's current version from the npm registry, run without
// prompts, then `git init` and one commit of everything it wrote (its .gitignore keeps node_modules out).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { git } from '../support/git';
import { capture, serverKit } from '../support/realServers';
import type { Starter } from './starters';

const execFileAsync = promisify(execFile);
const GENERATE_TIMEOUT_MS = 5 * 60_000;

export interface Generated {
  readonly dir: string;
  /** e.g. "create-vite@9.3.0". */
  readonly generator: string;
  /** The framework's version range the starter asks for, e.g. "vite ^8.4.0". */
  readonly framework: string;
}

/** The newest version of a package (within `range` when given), from the registry. */
export async function latestVersion(pkg: string, range = 'latest'): Promise<string> {
  const { stdout } = await execFileAsync('npm', ['view', `${pkg}@${range}`, 'version', '--json'], { timeout: 60_000 });
  const parsed = JSON.parse(stdout) as string | string[];
  const version = Array.isArray(parsed) ? parsed[parsed.length - 1] : parsed;
  if (!version) throw new Error(`npm view ${pkg}@${range} returned no version`);
  return version;
}

export async function generate(starter: Starter, workDir: string): Promise<Generated> {
  const { pkg, bin, range } = starter.generator;
  const version = await latestVersion(pkg, range);
  const kitDir = await serverKit(`corpus-${pkg.replace(/[@/]/g, '_')}`, { [pkg]: version });
  const run = await capture(path.join(kitDir, 'node_modules', '.bin', bin), starter.args(starter.id), { cwd: workDir, env: starter.generator.env ?? {}, timeoutMs: GENERATE_TIMEOUT_MS });
  if (run.exitCode !== 0) throw new Error(`${pkg}@${version} exited with code ${run.exitCode}:\n${run.output.slice(-2000)}`);
  const dir = path.join(workDir, starter.id);
  await git(dir, ['init', '-q', '-b', 'main']);
  await git(dir, ['add', '-A']);
  await git(dir, ['commit', '-q', '-m', `Initial commit from ${pkg}@${version}`]);
  return { dir, generator: `${pkg}@${version}`, framework: `${starter.framework} ${await wantedVersion(dir, starter.framework)}` };
}

async function wantedVersion(dir: string, dependency: string): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  return manifest['dependencies']?.[dependency] ?? manifest['devDependencies']?.[dependency] ?? '(not a dependency)';
}
