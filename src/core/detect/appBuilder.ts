import * as path from 'node:path';
import type { DetectedApp } from '../types';
import { ANY_HOST, devServerEnv, hostPortFlags, portInScript } from './frameworks';
import type { PackageJson } from './packageJson';
import { execLocalCommand, installCommandFor, runScriptCommand, runWorkspaceScriptCommand, type PackageManagerInfo } from './packageManager';
import type { FrameworkFinding } from './scan';
import { shellArg } from './shellArg';

/** Default port for apps without a known framework (Express and most Node servers use 3000 with PORT unset). */
export const DEFAULT_PORT = 3000;

/** Install command of an app with nothing to install: a shell no-op (`:`), so pipelines can run it blindly or skip it. */
export const NOTHING_TO_INSTALL = ': nothing to install';

export interface Overrides {
  readonly devCommand?: string;
  readonly port?: number;
}

export interface PackageAppInput {
  /** Repository root (absolute). */
  readonly root: string;
  /** App folder relative to the root, `` for the root. */
  readonly appPath: string;
  /** Where install runs, relative to the root: the workspace root for workspace packages. */
  readonly installPath: string;
  readonly pkg: PackageJson;
  readonly pm: PackageManagerInfo;
  readonly finding?: FrameworkFinding;
  /** Set for a workspace package, run through the package manager's workspace filter. */
  readonly workspacePackage?: { readonly name?: string; readonly path: string };
  readonly overrides: Overrides;
}

/** One runnable app from a package.json, or undefined when it has nothing to run (no framework, no dev/start script). */
export function buildPackageApp(input: PackageAppInput): DetectedApp | undefined {
  const { pkg, pm, finding, overrides } = input;
  const script = chooseScript(pkg, finding);
  const bareCommand = script === undefined && finding?.devCommand && !/\brun\s/.test(finding.devCommand) ? finding.devCommand : undefined;
  if (script === undefined && bareCommand === undefined && overrides.devCommand === undefined) return undefined;

  const scriptBody = script === undefined ? undefined : pkg.scripts[script];
  const pinnedPort = portInScript(scriptBody);
  const port = overrides.port ?? pinnedPort ?? finding?.port ?? DEFAULT_PORT;
  const flags = hostPortFlags(finding?.framework.id, scriptBody ?? bareCommand, port);
  const args = [...flags.host, ...(pinnedPort !== undefined && overrides.port === undefined ? [] : flags.port)];

  let devCommand: string;
  if (overrides.devCommand !== undefined) devCommand = inFolder(input.appPath, input.installPath, overrides.devCommand);
  else if (script !== undefined) {
    devCommand = input.workspacePackage ? runWorkspaceScriptCommand(pm, input.workspacePackage, script, args) : runScriptCommand(pm, script, args);
  } else {
    const [bin = '', ...rest] = (bareCommand ?? '').split(/\s+/);
    devCommand = inFolder(input.appPath, input.installPath, execLocalCommand(pm, bin, [...rest, ...args]));
  }
  return {
    appPath: input.appPath,
    name: pkg.name ?? (path.basename(path.join(input.root, input.appPath)) || 'app'),
    ...(finding ? { framework: finding.framework } : {}),
    packageManager: pm.name,
    ...(pm.version ? { packageManagerVersion: pm.version } : {}),
    ...(pm.lockfile ? { lockfile: path.posix.join(input.installPath, pm.lockfile) } : {}),
    installPath: input.installPath,
    installCommand: installCommandFor(pm),
    devCommand,
    port,
    env: devServerEnv(finding?.framework.id, port),
  };
}

/**
 * A folder with only static files (an index.html, no package.json): served by `serve`, fetched by npx on first use.
 * Nothing to install.
 */
export function staticSiteApp(root: string, appPath: string, overrides: Overrides): DetectedApp {
  const port = overrides.port ?? DEFAULT_PORT;
  const serve = `npx --yes serve@14 --no-clipboard --no-port-switching --listen tcp://${ANY_HOST}:${port}`;
  return {
    appPath,
    name: path.basename(path.join(root, appPath)) || 'site',
    framework: { id: 'static', name: 'Static HTML' },
    packageManager: 'npm',
    installPath: appPath,
    installCommand: NOTHING_TO_INSTALL,
    devCommand: overrides.devCommand ?? serve,
    port,
    env: devServerEnv(undefined, port),
  };
}

/** No package.json, but the user said what to run (`forge.devCommand`). */
export function commandOnlyApp(root: string, appPath: string, devCommand: string, port: number | undefined): DetectedApp {
  const chosenPort = port ?? DEFAULT_PORT;
  return {
    appPath,
    name: path.basename(path.join(root, appPath)) || 'app',
    packageManager: 'npm',
    installPath: appPath,
    installCommand: NOTHING_TO_INSTALL,
    devCommand,
    port: chosenPort,
    env: devServerEnv(undefined, chosenPort),
  };
}

/** The script build-info picked (`npm run dev`, `npm run start` for Angular …), else `dev`, else `start`. */
function chooseScript(pkg: PackageJson, finding: FrameworkFinding | undefined): string | undefined {
  const picked = finding?.devCommand ? /\brun\s+(\S+)\s*$/.exec(finding.devCommand)?.[1] : undefined;
  if (picked !== undefined && pkg.scripts[picked] !== undefined) return picked;
  if (pkg.scripts['dev'] !== undefined) return 'dev';
  if (pkg.scripts['start'] !== undefined) return 'start';
  return undefined;
}

/** Dev commands run from the install folder; an app elsewhere (a workspace package) needs a `cd` first. */
function inFolder(appPath: string, installPath: string, command: string): string {
  if (appPath === installPath) return command;
  const relative = path.posix.relative(installPath, appPath);
  return `cd ${shellArg(relative)} && ${command}`;
}
