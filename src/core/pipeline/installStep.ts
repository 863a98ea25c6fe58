import type { Sandbox } from '../../daytona/port';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { LogStream } from '../logs/lineBatcher';
import { quote } from 'shell-quote';
import { homeRelative, runInSession, shellCommand } from '../sandboxExec';
import { type DetectedApp } from '../types';
import { ForgeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { diagnose } from './diagnose';
import { cacheSeedCommand, fastInstallCommand } from './installFlags';
import { prebuildKey, readConfigs, restorePrebuild, sandboxNodeMajor, savePrebuild } from './prebuild';
import { NOTHING_TO_INSTALL } from '../detect/appBuilder';
import { CACHE_MOUNT } from './sandboxStep';

/** The cache volume's mount point as the sandbox's commands spell it (see shellCommand). */
const CACHE_HOME = CACHE_MOUNT.replace(/^\/home\/daytona\//, '$HOME/');

export interface InstallInput {
  readonly sandbox: Sandbox;
  readonly app: DetectedApp;
  readonly localRoot: string;
  readonly repoPath: string;
  /** The sandbox's home (install markers live in its .forge folder). */
  readonly home: string;
  readonly timeoutSeconds: number;
  readonly useCacheVolume: boolean;
  readonly buildBeforePreview: boolean;
  readonly signal: AbortSignal;
  readonly logger: Logger;
  readonly onLog: (text: string, stream: LogStream) => void;
  /** Reuse and keep installed dependencies in the repository's prebuild store (when the sandbox has one). */
  readonly prebuilds?: boolean;
}

export interface InstallResult {
  readonly skipped: boolean;
  /** The prebuild whose node_modules were extracted instead of installing. */
  readonly prebuild?: string;
  /** Saving this install as a prebuild (runs on while the dev server starts; never fails the preview). */
  readonly saving?: Promise<{ saved: boolean; detail: string }>;
}

export const INSTALL_SESSION = 'forge-install';
// $HOME, not /home/daytona: on an unisolated local backend the home is a host folder.
const TOOLS_DIR = '$HOME/.forge/bin';

/**
 * Environment for every package-manager command: no prompts, the cache volume, and no npm update check (a request
 * to the registry on every install, since a new sandbox's npm cache has no record of the last one).
 */
export function toolEnv(useCacheVolume: boolean): Record<string, string> {
  return {
    CI: 'true',
    npm_config_update_notifier: 'false',
    ...(useCacheVolume
      ? { npm_config_cache: `${CACHE_HOME}/npm`, PNPM_STORE_DIR: `${CACHE_HOME}/pnpm`, YARN_CACHE_FOLDER: `${CACHE_HOME}/yarn`, BUN_INSTALL_CACHE_DIR: `${CACHE_HOME}/bun` }
      : {}),
  };
}

/**
 * Puts Forge's tool directory on PATH and sizes Node's heap from the sandbox's memory (a fixed 4096 MiB got
 * 1 GiB sandboxes OOM-killed); every install and dev-server command starts
 * with it. NODE_OPTIONS is extended, not replaced: the sandbox may already set it.
 */
export function toolsPath(memoryGiB: number | undefined): string {
  return `export PATH="${TOOLS_DIR}:$PATH" NODE_OPTIONS="\${NODE_OPTIONS:+$NODE_OPTIONS }--max-old-space-size=${heapMiB(memoryGiB)}"`;
}

/** Three quarters of the sandbox's memory (1 GiB by default on Daytona), leaving room for native memory and children. */
export function heapMiB(memoryGiB: number | undefined): number {
  const gib = memoryGiB !== undefined && Number.isFinite(memoryGiB) && memoryGiB > 0 ? memoryGiB : 1;
  return Math.max(256, Math.floor(gib * 1024 * 0.75));
}

/**
 * Makes pnpm or yarn available when the sandbox image lacks them, installed with npm into Forge's tool directory.
 * (Node 20's bundled corepack fails on the npm registry's rotated signing keys.) Yarn 1 also runs Yarn 2+ projects
 * through their checked-in `yarnPath`.
 */
export function ensureToolCommand(app: DetectedApp, memoryGiB: number | undefined): string {
  const TOOLS_PATH = toolsPath(memoryGiB);
  if (app.packageManager === 'npm' || app.packageManager === 'bun') return TOOLS_PATH;
  const spec = app.packageManager === 'pnpm' ? 'pnpm@9' : 'yarn@1';
  return `${TOOLS_PATH} && (command -v ${app.packageManager} >/dev/null 2>&1 || npm install -g --silent --prefix "$HOME/.forge" ${spec})`;
}

/**
 * Installs dependencies with the app's package manager (frozen lockfile when there is one). A reused sandbox
 * whose lockfile and manifests have not changed since its last install skips it.
 */
export async function installDependencies(input: InstallInput): Promise<InstallResult> {
  const { sandbox, app } = input;
  const installDir = path.posix.join(input.repoPath, app.installPath);
  const fingerprint = await installFingerprint(input.localRoot, app);
  const marker = `${input.home}/.forge/install-${createHash('sha256').update(installDir).digest('hex').slice(0, 12)}`;
  if (await alreadyInstalled(sandbox, marker, fingerprint, installDir)) return { skipped: true };

  const key = input.prebuilds && app.installCommand !== NOTHING_TO_INSTALL ? await prebuildKeyFor(input, fingerprint) : undefined;
  if (key && (await restorePrebuild(sandbox, installDir, key, input.logger))) {
    await sandbox.fs.uploadFile(Buffer.from(fingerprint), marker);
    return { skipped: true, prebuild: key };
  }
  await runInstall({ ...input, installDir });
  await sandbox.fs.uploadFile(Buffer.from(fingerprint), marker);
  if (!key) return { skipped: false };
  const saving = savePrebuild(sandbox, installDir, key).catch((error: unknown) => ({ saved: false, detail: error instanceof Error ? error.message : String(error) }));
  return { skipped: false, saving };
}

async function prebuildKeyFor(input: InstallInput, fingerprint: string): Promise<string | undefined> {
  const nodeMajor = await sandboxNodeMajor(input.sandbox).catch(() => undefined);
  if (!nodeMajor) return undefined;
  const { app } = input;
  return prebuildKey({ fingerprint, packageManager: app.packageManager, ...(app.packageManagerVersion ? { packageManagerVersion: app.packageManagerVersion } : {}), nodeMajor, configs: await readConfigs(input.localRoot, app) });
}

/** Runs the app's install command (and the build, when asked) in the install session; a failure names its cause. */
export async function runInstall(input: Omit<InstallInput, 'localRoot' | 'repoPath' | 'home'> & { readonly installDir: string }): Promise<void> {
  const { app } = input;
  const seed = cacheSeedCommand(app, input.useCacheVolume);
  const commands = [ensureToolCommand(app, input.sandbox.memory), ...(seed ? [seed] : []), fastInstallCommand(app.installCommand)];
  if (input.buildBeforePreview) commands.push(`${app.packageManager} run build`);
  const run = await runInSession(input.sandbox, INSTALL_SESSION, shellCommand(input.installDir, toolEnv(input.useCacheVolume), commands.join(' && ')), {
    logger: input.logger,
    signal: input.signal,
    timeoutMs: input.timeoutSeconds * 1000,
    onLog: input.onLog,
  });
  if (run.timedOut) {
    throw new ForgeError('install-failed', `Installing dependencies took longer than ${input.timeoutSeconds} seconds.`, {
      hint: 'Raise forge.installTimeoutSeconds, or choose a larger sandbox (forge.sandbox.class).',
      logTail: run.tail.slice(-40),
    });
  }
  if (run.exitCode !== 0) {
    throw new ForgeError('install-failed', `"${app.installCommand}" failed with exit code ${run.exitCode}.`, {
      hint: diagnose(run.tail, app.port) ?? 'See the Forge log for the installer\'s output.',
      logTail: run.tail.slice(-40),
    });
  }
}

async function alreadyInstalled(sandbox: Sandbox, marker: string, fingerprint: string, installDir: string): Promise<boolean> {
  try {
    const previous = (await sandbox.fs.downloadFile(marker)).toString('utf8');
    if (previous !== fingerprint) return false;
    const check = await sandbox.process.executeCommand(`test -d ${quote([`${homeRelative(installDir)}/node_modules`])}`, undefined, undefined, 30);
    return check.exitCode === 0;
  } catch {
    return false;
  }
}

/** What an install depends on: the lockfile, the manifests of the install root and the app, and the command. */
async function installFingerprint(localRoot: string, app: DetectedApp): Promise<string> {
  const hash = createHash('sha256').update(app.installCommand);
  const files = [app.lockfile, path.posix.join(app.installPath, 'package.json'), path.posix.join(app.appPath, 'package.json')];
  for (const file of new Set(files)) {
    if (!file) continue;
    hash.update(`\0${file}\0`);
    hash.update(await readFile(path.join(localRoot, file)).catch(() => Buffer.alloc(0)));
  }
  return hash.digest('hex');
}
