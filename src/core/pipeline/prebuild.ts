// Dependency reuse ("prebuilds"): the node_modules folders an install produced, kept as one tar file per key in a
// volume of the repository's own (a subpath per repository), so a new sandbox of a repository whose lockfile Forge
// installed before (another branch, a pull request, a recreated sandbox) extracts them instead of installing.
// The key covers what decides the result: lockfile, manifests, install command, package manager and its pinned
// version, Node major, and the package managers' config files. A copy, not links: sandboxes never share inodes.
import type { Sandbox } from '../../daytona/port';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { quote } from 'shell-quote';
import { homeRelative } from '../sandboxExec';
import type { DetectedApp } from '../types';
import type { Logger } from '../../common/logger';

/** Where a sandbox sees its repository's prebuilds (a volume subpath, see prebuildVolume). */
export const PREBUILD_MOUNT = '/home/daytona/.forge-prebuilds';
const STORE = PREBUILD_MOUNT.replace(/^\/home\/daytona\//, '$HOME/');
/** Config files next to the lockfile that change what an install produces. */
const CONFIG_FILES = ['.npmrc', '.yarnrc', '.yarnrc.yml', 'pnpm-workspace.yaml', '.pnpmfile.cjs', 'bunfig.toml'];

export interface PrebuildKeyInput {
  /** The install fingerprint: lockfile, manifests and install command (installStep). */
  readonly fingerprint: string;
  readonly packageManager: string;
  readonly packageManagerVersion?: string;
  readonly nodeMajor: string;
  /** The config files' contents, by name (absent files left out). */
  readonly configs: Readonly<Record<string, string>>;
}

export function prebuildKey(input: PrebuildKeyInput): string {
  const hash = createHash('sha256');
  for (const part of [input.fingerprint, input.packageManager, input.packageManagerVersion ?? '', `node${input.nodeMajor}`]) hash.update(`${part}\0`);
  for (const name of Object.keys(input.configs).sort()) hash.update(`${name}\0${input.configs[name] ?? ''}\0`);
  return `${input.packageManager}-node${input.nodeMajor}-${hash.digest('hex').slice(0, 32)}`;
}

/** The volume subpath of one repository's prebuilds: sandboxes of other repositories never see them. */
export function prebuildSubpath(repo: string): string {
  return `prebuilds/${createHash('sha256').update(repo).digest('hex').slice(0, 24)}`;
}

export async function readConfigs(localRoot: string, app: DetectedApp): Promise<Record<string, string>> {
  const configs: Record<string, string> = {};
  for (const name of CONFIG_FILES) {
    const text = await readFile(path.join(localRoot, app.installPath, name), 'utf8').catch(() => undefined);
    if (text !== undefined) configs[name] = text;
  }
  return configs;
}

/** The sandbox's Node major ("20"), or undefined when there is no node or no prebuild store mounted. */
export async function sandboxNodeMajor(sandbox: Sandbox): Promise<string | undefined> {
  const run = await sandbox.process.executeCommand(`test -d ${STORE} && node -p "process.versions.node.split('.')[0]"`, undefined, undefined, 30);
  const major = run.result.trim();
  return run.exitCode === 0 && /^\d+$/.test(major) ? major : undefined;
}

/** Replaces the install folder's node_modules with the prebuild's; false when there is none for this key. */
export async function restorePrebuild(sandbox: Sandbox, installDir: string, key: string, logger: Logger): Promise<boolean> {
  const file = `${STORE}/${key}.tar`;
  const dir = quote([homeRelative(installDir)]);
  const script = `test -f "${file}" || exit 3; cd ${dir} && find . -name node_modules -type d -prune -exec rm -rf {} + && tar -xf "${file}"`;
  const run = await sandbox.process.executeCommand(script, undefined, undefined, 600);
  if (run.exitCode === 3) return false;
  if (run.exitCode !== 0) {
    logger.warn(`Could not reuse the installed dependencies (${key}): ${run.result.trim().slice(-300)}; installing instead`);
    return false;
  }
  return true;
}

/**
 * Keeps the install folder's node_modules under the key (written to a temp name, then renamed: a reader never
 * sees half a file). Caches the dev server writes into (.vite, .cache) are left out.
 */
export async function savePrebuild(sandbox: Sandbox, installDir: string, key: string): Promise<{ saved: boolean; detail: string }> {
  const file = `${STORE}/${key}.tar`;
  const dir = quote([homeRelative(installDir)]);
  const list = `find . -path ./.git -prune -o -name node_modules -type d -prune -print`;
  const script = `test -d ${STORE} || exit 3; cd ${dir} && n=$(${list} | head -1) && test -n "$n" || exit 4; t="${file}.$$.tmp"; ${list} | tar --exclude='node_modules/.vite' --exclude='node_modules/.cache' -cf "$t" -T - && mv -f "$t" "${file}" || { rm -f "$t"; exit 1; }`;
  const run = await sandbox.process.executeCommand(script, undefined, undefined, 600);
  if (run.exitCode === 0) return { saved: true, detail: key };
  return { saved: false, detail: run.exitCode === 3 ? 'no prebuild store' : run.exitCode === 4 ? 'no node_modules' : run.result.trim().slice(-300) };
}
