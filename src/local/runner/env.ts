// The environment every sandbox process starts with. Host variables are not inherited wholesale (they may
// hold Forge's own secrets); only locale, proxy and certificate settings pass through.
import type { LocalSandbox } from '../contracts';

const PASSTHROUGH = new Set([
  'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TERM',
  'http_proxy', 'https_proxy', 'no_proxy', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY',
  'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'npm_config_registry', 'NPM_CONFIG_REGISTRY',
]);

export interface ProcessView {
  /** The sandbox home as the process sees it (its `insideHome` when isolated, the host directory otherwise). */
  readonly home: string;
  readonly path: string;
  /** The Node preload that remaps ports and its map (unisolated only: an isolated sandbox has its own ports). */
  readonly preload?: string;
  readonly portMapDir?: string;
}

export function sandboxEnv(sandbox: LocalSandbox, view: ProcessView, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && PASSTHROUGH.has(key)) env[key] = value;
  Object.assign(env, {
    HOME: view.home,
    USER: sandbox.user,
    LOGNAME: sandbox.user,
    SHELL: '/bin/sh',
    PATH: view.path,
    DAYTONA_SANDBOX_ID: sandbox.id,
  });
  Object.assign(env, sandbox.env, extra);
  if (view.preload && view.portMapDir) {
    env['FORGE_PORT_MAP_DIR'] = view.portMapDir;
    env['NODE_OPTIONS'] = withPreload(env['NODE_OPTIONS'], view.preload);
  }
  return env;
}

/** Puts the port-remapping preload in front of whatever NODE_OPTIONS the sandbox or command set. */
export function withPreload(nodeOptions: string | undefined, preload: string): string {
  const flag = `--require "${preload.replace(/(["\\])/g, '\\$1')}"`;
  if (!nodeOptions) return flag;
  return nodeOptions.includes(flag) ? nodeOptions : `${flag} ${nodeOptions}`;
}
