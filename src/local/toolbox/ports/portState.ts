// Where a sandbox port answers, as the backend sees it. Isolated: the listeners of the sandbox's own network
// namespace (/proc, read by the backend), reached through its forwarder socket. Unisolated: the preload's map.
import type { LocalSandbox, PortTarget } from '../../contracts';
import type { Runner } from '../../runner';
import { acceptsConnections, readPortMapping } from './portMap';

export type PortState =
  | { readonly state: 'listening'; readonly target: PortTarget }
  | { readonly state: 'loopback-only' }
  | { readonly state: 'closed' };

export async function describePort(runner: Runner, sandbox: LocalSandbox, port: number): Promise<PortState> {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return { state: 'closed' };
  if (runner.isolated) {
    const ports = await runner.ports(sandbox.id);
    const mine = ports?.listeners.filter((l) => l.port === port) ?? [];
    if (!ports || mine.length === 0) return { state: 'closed' };
    const open = mine.find((l) => l.scope === 'any' && l.family === 4) ?? mine.find((l) => l.scope === 'any');
    if (!open) return { state: 'loopback-only' };
    return { state: 'listening', target: { host: open.family === 4 ? '127.0.0.1' : '::1', port, socketPath: ports.socketPath } };
  }
  const mapping = await readPortMapping(sandbox, port);
  if (!mapping || !(await acceptsConnections(mapping.actualPort))) return { state: 'closed' };
  return mapping.loopbackOnly ? { state: 'loopback-only' } : { state: 'listening', target: { host: '127.0.0.1', port: mapping.actualPort } };
}
