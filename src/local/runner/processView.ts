// How a sandbox looks to its processes: home and PATH, where a sandbox path is on the host (unisolated), and
// the environment a process gets. Isolated processes see the sandbox's own paths; plain child processes see
// host paths plus the port-remapping preload.
import path from 'node:path';
import type { LocalSandbox } from '../contracts';
import { sandboxEnv, withPreload, type ProcessView } from './env';
import { ensureRuntimeFiles } from './runtimeFiles';
import { findToolchains } from './toolchains';

export function processView(isolate: boolean, sandbox: LocalSandbox): ProcessView {
  if (isolate) {
    const toolPaths = findToolchains().pathEntries.filter((p) => !p.startsWith('/usr/'));
    // Its own network: ports are the sandbox's own, so no preload and no port map.
    return { home: sandbox.insideHome, path: [...toolPaths, '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'].join(':') };
  }
  const files = ensureRuntimeFiles(sandbox);
  return { home: sandbox.homeDir, path: process.env['PATH'] ?? '/usr/bin:/bin', preload: files.preload, portMapDir: files.portMapDir };
}

export function processPath(isolate: boolean, sandbox: LocalSandbox, insidePath: string): string {
  if (isolate) return insidePath;
  const roots = [{ inside: sandbox.insideHome, host: sandbox.homeDir }, ...sandbox.volumes.map((v) => ({ inside: v.mountPath.replace(/\/$/, ''), host: v.hostDir }))].sort(
    (a, b) => b.inside.length - a.inside.length,
  );
  const root = roots.find((r) => insidePath === r.inside || insidePath.startsWith(`${r.inside}/`));
  if (!root) return insidePath;
  const rest = insidePath.slice(root.inside.length).replace(/^\//, '');
  return rest === '' ? root.host : path.join(root.host, ...rest.split('/'));
}

export interface EnvironmentRequest {
  readonly env?: Readonly<Record<string, string>>;
  readonly exactEnv?: Readonly<Record<string, string>>;
}

export function processEnvironment(isolate: boolean, sandbox: LocalSandbox, request: EnvironmentRequest): Record<string, string> {
  const view = processView(isolate, sandbox);
  if (!request.exactEnv) return sandboxEnv(sandbox, view, request.env);
  if (!view.preload || !view.portMapDir) return { ...request.exactEnv };
  // A restored session environment keeps the preload even if a command exported its own NODE_OPTIONS.
  return { ...request.exactEnv, FORGE_PORT_MAP_DIR: view.portMapDir, NODE_OPTIONS: withPreload(request.exactEnv['NODE_OPTIONS'], view.preload) };
}
