// Why a sandbox port does or does not answer, for messages such as "bound to localhost".
import type { LocalSandbox } from '../../contracts';
import { acceptsConnections, readPortMapping } from './portMap';

export type PortState = { readonly state: 'listening'; readonly hostPort: number } | { readonly state: 'loopback-only'; readonly hostPort: number } | { readonly state: 'closed' };

export async function describeSandboxPort(sandbox: LocalSandbox, port: number): Promise<PortState> {
  const mapping = await readPortMapping(sandbox, port);
  if (!mapping || !(await acceptsConnections(mapping.actualPort))) return { state: 'closed' };
  return mapping.loopbackOnly ? { state: 'loopback-only', hostPort: mapping.actualPort } : { state: 'listening', hostPort: mapping.actualPort };
}
