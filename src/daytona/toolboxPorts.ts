// The toolbox's GET /port (the ports a sandbox listens on, as it sees them). SDK 0.218 has no method for it, so
// this asks the same toolbox base with the SDK's own headers, as the SDK's generated PortApi would.
import type { Sandbox } from './port';

interface ToolboxClientConfig {
  readonly basePath?: unknown;
  readonly baseOptions?: { readonly headers?: unknown };
}

export async function listSandboxPorts(sandbox: Sandbox, signal?: AbortSignal): Promise<number[]> {
  const config = (sandbox.process as unknown as { clientConfig?: ToolboxClientConfig }).clientConfig;
  const base = config?.basePath;
  const headers = config?.baseOptions?.headers;
  if (typeof base !== 'string' || typeof headers !== 'object' || headers === null) throw new Error('this SDK version does not expose its toolbox address');
  const stringHeaders = Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const response = await fetch(`${base.replace(/\/$/, '')}/port`, { headers: stringHeaders, signal: signal ?? AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`the sandbox's port list answered HTTP ${response.status}`);
  const body = (await response.json()) as { ports?: unknown };
  const ports = Array.isArray(body.ports) ? body.ports : [];
  return ports.filter((p): p is number => Number.isInteger(p) && (p as number) >= 1 && (p as number) <= 65535);
}
