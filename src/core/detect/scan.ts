import { Project } from '@netlify/build-info';
import { NodeFS } from '@netlify/build-info/node';
import type { Logger } from '../../common/logger';

/** A framework @netlify/build-info found in one package of the project. */
export interface FrameworkFinding {
  /** Package path relative to the scanned root, `` for the root. */
  readonly packagePath: string;
  readonly framework: { readonly id: string; readonly name: string };
  /** The framework's default dev port. */
  readonly port?: number;
  /** What build-info would run, e.g. `npm run dev`, `pnpm --filter web run dev`, or a bare `vite`. */
  readonly devCommand?: string;
}

export interface ProjectScan {
  /** Workspace packages (npm/yarn/pnpm/bun workspaces, Nx, Lerna …) when `root` is a workspace root. */
  readonly workspacePackages?: readonly { readonly path: string; readonly name?: string }[];
  readonly findings: readonly FrameworkFinding[];
}

/**
 * Runs @netlify/build-info on the local folder `root`: frameworks per package (with the user's own dev script and
 * the default port) and the workspace layout. Reads files only; no network, no child processes.
 */
export async function scanProject(root: string, logger?: Logger): Promise<ProjectScan> {
  const fs = new NodeFS();
  // Its default logger prints stack traces for a malformed package.json (which Forge reports itself).
  fs.logger = quietLogger(logger);
  // Without the explicit root, paths resolve against process.cwd() and nothing is found.
  const project = new Project(fs, root, root).setReportFn((error) => {
    logger?.debug(`build-info: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
  });
  project.logger = fs.logger;
  const settings = await project.getBuildSettings();
  const findings = settings.map((setting) => ({
    packagePath: normalise(setting.packagePath ?? setting.baseDirectory ?? ''),
    framework: { id: setting.framework.id, name: setting.framework.name },
    ...(setting.frameworkPort ? { port: setting.frameworkPort } : {}),
    ...(setting.devCommand ? { devCommand: setting.devCommand } : {}),
  }));
  const workspace = project.workspace;
  return {
    findings: dedupeByPackage(findings),
    ...(workspace && workspace.packages.length > 0
      ? { workspacePackages: workspace.packages.map((pkg) => ({ path: normalise(pkg.path), ...(pkg.name ? { name: pkg.name } : {}) })) }
      : {}),
  };
}

/** Several frameworks can match one package (e.g. Vite under SvelteKit); build-info lists the most specific first. */
function dedupeByPackage(findings: readonly FrameworkFinding[]): FrameworkFinding[] {
  const seen = new Map<string, FrameworkFinding>();
  for (const finding of findings) if (!seen.has(finding.packagePath)) seen.set(finding.packagePath, finding);
  return [...seen.values()];
}

function normalise(relative: string): string {
  return relative.replaceAll('\\', '/').replace(/^\.\/?/, '').replace(/\/+$/, '');
}

function quietLogger(logger: Logger | undefined): NodeFS['logger'] {
  const debug = (...args: unknown[]): void => {
    logger?.debug(`build-info: ${args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' ')}`);
  };
  return { debug, log: debug, info: debug, warn: debug, error: debug };
}
