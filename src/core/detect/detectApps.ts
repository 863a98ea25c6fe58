import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { ForgeError } from '../../common/errors';
import type { DetectedApp } from '../types';
import type { Logger } from '../../common/logger';
import { buildPackageApp, commandOnlyApp, staticSiteApp } from './appBuilder';
import { checkOverrides, type CheckedOverrides, type DetectOverrides } from './overrides';
import { readPackageJson } from './packageJson';
import { detectPackageManager } from './packageManager';
import { scanProject } from './scan';
import { findSubprojects } from './subprojects';
import { exists } from '../fsExists';

export interface DetectAppsOptions extends DetectOverrides {
  readonly logger?: Logger;
}

/**
 * Finds the runnable apps of the working tree at `root` (the repository root), locally: framework, package manager,
 * install and dev commands (bound to 0.0.0.0 on the chosen port), port and environment. One app for a plain project,
 * one per runnable workspace package for a monorepo (the caller asks the user when several). The overrides
 * (`appPath`, `devCommand`, `port`) always win. Bad input throws a ForgeError: `no-package-json`,
 * `bad-package-json`, `nothing-to-run` or `bad-setting`.
 */
export async function detectApps(root: string, options: DetectAppsOptions = {}): Promise<DetectedApp[]> {
  const absoluteRoot = path.resolve(root);
  const overrides = checkOverrides(options);
  const apps = overrides.appPath === undefined ? await detectFromRoot(absoluteRoot, overrides, options.logger) : await detectAtAppPath(absoluteRoot, overrides.appPath, overrides, options.logger);
  return apps.sort((a, b) => Number(b.framework !== undefined) - Number(a.framework !== undefined) || a.appPath.localeCompare(b.appPath));
}

async function detectFromRoot(root: string, overrides: CheckedOverrides, logger: Logger | undefined): Promise<DetectedApp[]> {
  if (await exists(path.join(root, 'package.json'))) return detectProject(root, '', overrides, logger);
  if (overrides.devCommand) return [commandOnlyApp(root, '', overrides.devCommand, overrides.port)];
  // No package.json at the root: apps in subfolders (`frontend/`, `web/`) that are not a declared workspace.
  const apps: DetectedApp[] = [];
  for (const sub of await findSubprojects(root)) {
    try {
      apps.push(...(await detectProject(root, sub, overrides, logger)));
    } catch (error) {
      if (!(error instanceof ForgeError) || error.code !== 'nothing-to-run') throw error;
    }
  }
  if (apps.length > 0) return apps;
  if (await exists(path.join(root, 'index.html'))) return [staticSiteApp(root, '', overrides)];
  throw new ForgeError('no-package-json', `There is no package.json in ${root}, so Forge cannot tell how to run it.`, {
    hint: 'Open the folder of a JavaScript app, set forge.appPath to the app\'s folder, or set forge.devCommand to the command that starts it.',
  });
}

async function detectAtAppPath(root: string, appPath: string, overrides: CheckedOverrides, logger: Logger | undefined): Promise<DetectedApp[]> {
  const appDir = path.join(root, appPath);
  if (!(await stat(appDir).catch(() => undefined))?.isDirectory()) {
    throw new ForgeError('bad-setting', `forge.appPath "${appPath}" is not a folder in ${root}.`, { hint: 'Change forge.appPath to the app\'s folder, relative to the repository root.' });
  }
  // A package of the root's workspace installs from the root.
  if (await exists(path.join(root, 'package.json'))) {
    const rootApps = await detectProject(root, '', overrides, logger, appPath).catch((error: unknown) => {
      if (error instanceof ForgeError && error.code === 'nothing-to-run') return [];
      throw error;
    });
    const match = rootApps.find((app) => app.appPath === appPath);
    if (match) return [match];
  }
  if (await exists(path.join(appDir, 'package.json'))) return detectProject(root, appPath, overrides, logger);
  if (overrides.devCommand) return [commandOnlyApp(root, appPath, overrides.devCommand, overrides.port)];
  if (await exists(path.join(appDir, 'index.html'))) return [staticSiteApp(root, appPath, overrides)];
  throw new ForgeError('no-package-json', `There is no package.json in ${appDir} (forge.appPath "${appPath}").`, {
    hint: 'Set forge.appPath to the folder that holds the app\'s package.json, or set forge.devCommand.',
  });
}

/**
 * The apps of the project whose package.json is at `projectPath` (relative to `root`): its workspace packages when
 * it is a workspace root, else itself. `onlyPackage` limits a workspace to one package (forge.appPath).
 */
async function detectProject(root: string, projectPath: string, overrides: CheckedOverrides, logger: Logger | undefined, onlyPackage?: string): Promise<DetectedApp[]> {
  const projectDir = path.join(root, projectPath);
  const manifest = path.join(projectDir, 'package.json');
  const pkg = await readPackageJson(manifest);
  if (!pkg) throw new ForgeError('no-package-json', `There is no package.json in ${projectDir}.`);
  const [scan, pm] = await Promise.all([scanProject(projectDir, logger), detectPackageManager(projectDir, logger)]);
  const findingAt = (relative: string) => scan.findings.find((finding) => finding.packagePath === relative);
  const join = (relative: string): string => path.posix.join(projectPath, relative).replace(/^\.$/, '');

  const apps: DetectedApp[] = [];
  if (scan.workspacePackages) {
    for (const member of scan.workspacePackages) {
      const memberPath = join(member.path);
      if (onlyPackage !== undefined && memberPath !== onlyPackage) continue;
      const memberManifest = path.join(root, memberPath, 'package.json');
      const memberPkg = await readPackageJson(memberManifest);
      if (!memberPkg) continue;
      const finding = findingAt(member.path);
      const app = buildPackageApp({
        root, appPath: memberPath, installPath: projectPath, pkg: memberPkg, pm, overrides,
        workspacePackage: { path: member.path, ...(memberPkg.name ? { name: memberPkg.name } : {}) },
        ...(finding ? { finding } : {}),
      });
      if (app) apps.push(app);
      else logger?.debug(`${memberManifest}: no framework and no dev or start script; not an app`);
    }
    // The workspace root itself counts only when it is a framework app (a root `dev` usually starts everything).
    const rootFinding = findingAt('');
    const rootApp = rootFinding && onlyPackage === undefined ? buildPackageApp({ root, appPath: projectPath, installPath: projectPath, pkg, pm, overrides, finding: rootFinding }) : undefined;
    if (rootApp) apps.push(rootApp);
    if (apps.length > 0 || onlyPackage !== undefined) return apps;
  }
  const finding = findingAt('');
  const app = buildPackageApp({ root, appPath: projectPath, installPath: projectPath, pkg, pm, overrides, ...(finding ? { finding } : {}) });
  if (app) return [app];
  if (await exists(path.join(projectDir, 'index.html'))) return [staticSiteApp(root, projectPath, overrides)];
  throw new ForgeError('nothing-to-run', `${manifest} has no "dev" or "start" script, and no known framework was found${scan.workspacePackages ? ' in it or its workspace packages' : ''}.`, {
    hint: 'Add a "dev" script that starts your server, or set forge.devCommand to the command that starts it.',
  });
}
