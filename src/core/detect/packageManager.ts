import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { resolveCommand } from 'package-manager-detector/commands';
import { detect } from 'package-manager-detector/detect';
import type { Logger } from '../../common/logger';
import type { PackageManagerName } from '../types';
import { shellArg, shellJoin } from './shellArg';
import { exists } from '../fsExists';

type Agent = 'npm' | 'pnpm' | 'yarn' | 'yarn@berry' | 'bun';

export interface PackageManagerInfo {
  readonly name: PackageManagerName;
  /** package-manager-detector's agent (yarn 1 and yarn berry differ in their frozen install). */
  readonly agent: Agent;
  /** Version from the `packageManager` field, e.g. `9.15.0`. */
  readonly version?: string;
  /** The lockfile file name in the install folder, when one exists for this package manager. */
  readonly lockfile?: string;
}

// Real lockfiles only: package-manager-detector also counts pnpm-workspace.yaml, which locks nothing.
const LOCKFILES: readonly (readonly [string, PackageManagerName])[] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
];

/**
 * The package manager of the project installed from `dir` (lockfile first, then the `packageManager` and
 * `devEngines` fields), looking no higher than `dir` itself. npm when nothing says otherwise.
 */
export async function detectPackageManager(dir: string, logger?: Logger): Promise<PackageManagerInfo> {
  // Without stopDir the detector walks up to / and a lockfile in a parent folder would decide.
  const found = await detect({ cwd: dir, stopDir: dir });
  let name: PackageManagerName = 'npm';
  if (found && isSupported(found.name)) name = found.name;
  else if (found) logger?.warn(`Package manager ${found.name} is not supported for previews; using npm.`);
  const lockfile = await findLockfile(dir, name);
  const agent: Agent = name === 'yarn' && (await isYarnBerry(dir, lockfile, found?.agent)) ? 'yarn@berry' : name;
  return { name, agent, ...(found?.version && found.name === name ? { version: found.version } : {}), ...(lockfile ? { lockfile } : {}) };
}

/** The frozen-lockfile install when there is a lockfile (`npm ci`, `pnpm i --frozen-lockfile` …), else a plain install. */
export function installCommandFor(pm: PackageManagerInfo): string {
  return render(resolveCommand(pm.agent, pm.lockfile ? 'frozen' : 'install', []));
}

/** `<pm> run <script> [--] <args>` for the package in the install folder itself. */
export function runScriptCommand(pm: PackageManagerInfo, script: string, args: readonly string[]): string {
  return render(resolveCommand(pm.agent, 'run', [script, ...args]));
}

/**
 * Runs a workspace package's script from the workspace root: `npm --workspace web run dev -- …`,
 * `pnpm --filter web run dev …`, `yarn workspace web run dev …`; bun (and unnamed yarn packages) from the folder.
 */
export function runWorkspaceScriptCommand(pm: PackageManagerInfo, pkg: { name?: string; path: string }, script: string, args: readonly string[]): string {
  const tail = args.length > 0 ? ` ${shellJoin(args)}` : '';
  switch (pm.name) {
    case 'npm':
      return `npm --workspace ${shellArg(pkg.name ?? pkg.path)} run ${shellArg(script)}${args.length > 0 ? ` --${tail}` : ''}`;
    case 'pnpm':
      return `pnpm --filter ${shellArg(pkg.name ?? `./${pkg.path}`)} run ${shellArg(script)}${tail}`;
    case 'yarn':
      if (pkg.name) return `yarn workspace ${shellArg(pkg.name)} run ${shellArg(script)}${tail}`;
      break;
    case 'bun':
      break;
  }
  return `cd ${shellArg(pkg.path)} && ${runScriptCommand(pm, script, args)}`;
}

/** Runs a binary of the project's dependencies (`npx vite …`, `pnpm exec vite …`). */
export function execLocalCommand(pm: PackageManagerInfo, bin: string, args: readonly string[]): string {
  return render(resolveCommand(pm.agent, 'execute-local', [bin, ...args]));
}

function render(resolved: { command: string; args: string[] } | null): string {
  if (!resolved) throw new Error('package-manager-detector has no such command');
  return shellJoin([resolved.command, ...resolved.args]);
}

function isSupported(name: string): name is PackageManagerName {
  return name === 'npm' || name === 'pnpm' || name === 'yarn' || name === 'bun';
}

async function findLockfile(dir: string, name: PackageManagerName): Promise<string | undefined> {
  for (const [file, owner] of LOCKFILES) {
    if (owner !== name) continue;
    if (await exists(path.join(dir, file))) return file;
  }
  return undefined;
}

/** Yarn 2+ writes `__metadata` into yarn.lock and reads `.yarnrc.yml`; its frozen install is `--immutable`. */
async function isYarnBerry(dir: string, lockfile: string | undefined, agent: string | undefined): Promise<boolean> {
  if (agent === 'yarn@berry') return true;
  if (await exists(path.join(dir, '.yarnrc.yml'))) return true;
  if (lockfile !== 'yarn.lock') return false;
  const head = await readFile(path.join(dir, lockfile), 'utf8').then((text) => text.slice(0, 2048), () => '');
  return head.includes('__metadata:');
}
