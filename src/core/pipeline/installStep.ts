import type { Sandbox } from '../../daytona/port';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { LogStream } from '../logs/lineBatcher';
import { quote } from 'shell-quote';
import { homeRelative, runInSession, shellCommand } from '../sandboxExec';
import { ForgeError } from '../../common/errors';
import type { DetectedApp } from '../types';
import type { Logger } from '../../common/logger';
import { SANDBOX_HOME } from './codeStep';
import { diagnose } from './diagnose';
import { CACHE_MOUNT } from './sandboxStep';

/** The cache volume's mount point as the sandbox's commands spell it (see shellCommand). */
const CACHE_HOME = CACHE_MOUNT.replace(/^\/home\/daytona\//, '$HOME/');

export interface InstallInput {
  readonly sandbox: Sandbox;
  readonly app: DetectedApp;
  readonly localRoot: string;
  readonly repoPath: string;
  readonly timeoutSeconds: number;
  readonly useCacheVolume: boolean;
  readonly buildBeforePreview: boolean;
  readonly signal: AbortSignal;
  readonly logger: Logger;
  readonly onLog: (text: string, stream: LogStream) => void;
}

export const INSTALL_SESSION = 'forge-install';
// $HOME, not /home/daytona: on an unisolated local backend the home is a host folder.
const TOOLS_DIR = '$HOME/.forge/bin';

/** Environment for every package-manager command: no prompts, the cache volume. */
export function toolEnv(useCacheVolume: boolean): Record<string, string> {
  return {
    CI: 'true',
    ...(useCacheVolume
      ? { npm_config_cache: `${CACHE_HOME}/npm`, PNPM_STORE_DIR: `${CACHE_HOME}/pnpm`, YARN_CACHE_FOLDER: `${CACHE_HOME}/yarn`, BUN_INSTALL_CACHE_DIR: `${CACHE_HOME}/bun` }
      : {}),
  };
}

/**
 * Puts Forge's tool directory on PATH and gives Node a bigger heap; every install and dev-server command starts
 * with it. NODE_OPTIONS is extended, not replaced: the sandbox may already set it.
 */
export const TOOLS_PATH = `export PATH="${TOOLS_DIR}:$PATH" NODE_OPTIONS="\${NODE_OPTIONS:+$NODE_OPTIONS }--max-old-space-size=4096"`;

/**
 * Makes pnpm or yarn available when the sandbox image lacks them, installed with npm into Forge's tool directory.
 * (Node 20's bundled corepack fails on the npm registry's rotated signing keys.) Yarn 1 also runs Yarn 2+ projects
 * through their checked-in `yarnPath`.
 */
export function ensureToolCommand(app: DetectedApp): string {
  if (app.packageManager === 'npm' || app.packageManager === 'bun') return TOOLS_PATH;
  const spec = app.packageManager === 'pnpm' ? 'pnpm@9' : 'yarn@1';
  return `${TOOLS_PATH} && (command -v ${app.packageManager} >/dev/null 2>&1 || npm install -g --silent --prefix "$HOME/.forge" ${spec})`;
}

/**
 * Installs dependencies with the app's package manager (frozen lockfile when there is one). A reused sandbox
 * whose lockfile and manifests have not changed since its last install skips it.
 */
export async function installDependencies(input: InstallInput): Promise<{ skipped: boolean }> {
  const { sandbox, app } = input;
  const installDir = path.posix.join(input.repoPath, app.installPath);
  const fingerprint = await installFingerprint(input.localRoot, app);
  const marker = `${SANDBOX_HOME}/.forge/install-${createHash('sha256').update(installDir).digest('hex').slice(0, 12)}`;
  if (await alreadyInstalled(sandbox, marker, fingerprint, installDir)) return { skipped: true };

  await runInstall({ ...input, installDir });
  await sandbox.fs.uploadFile(Buffer.from(fingerprint), marker);
  return { skipped: false };
}

/** Runs the app's install command (and the build, when asked) in the install session; a failure names its cause. */
export async function runInstall(input: Omit<InstallInput, 'localRoot' | 'repoPath'> & { readonly installDir: string }): Promise<void> {
  const { app } = input;
  const commands = [ensureToolCommand(app), app.installCommand];
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
