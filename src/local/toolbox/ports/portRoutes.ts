// Daytona's port routes: GET /port → {ports} (the ports the sandbox listens on, as the sandbox sees them) and
// GET /port/{port}/in-use → {isInUse} (3000-9999, as the daemon checks).
import type { LocalSandbox } from '../../contracts';
import { badRequest } from '../daemonError';
import { sendJson } from '../http';
import type { Runner } from '../../runner';
import type { Router } from '../router';
import { allowedHostPorts } from '../../runner/network/hostPorts';
import { acceptsConnections, listPortMappings } from './portMap';

/**
 * The TCP ports a sandbox's processes listen on, as the sandbox sees them. Isolated: the listeners of its own
 * network namespace (read by the backend from /proc); unisolated: the preload's port map.
 */
export async function listeningPorts(runner: Runner, sandbox: LocalSandbox): Promise<number[]> {
  if (runner.isolated) {
    const ports = await runner.ports(sandbox.id);
    // The host-port relays (FORGE_LOCAL_HOST_PORTS, on loopback inside) are the backend's plumbing, not the sandbox's.
    const relays = new Set(allowedHostPorts());
    const own = (ports?.listeners ?? []).filter((l) => !(l.scope === 'loopback' && relays.has(l.port)));
    return [...new Set(own.map((l) => l.port))].sort((a, b) => a - b);
  }
  const mappings = await listPortMappings(sandbox);
  const live = await Promise.all(mappings.map(async (m) => ((await acceptsConnections(m.actualPort, 250)) ? m.port : undefined)));
  return live.filter((p): p is number => p !== undefined).sort((a, b) => a - b);
}

export function registerPortRoutes(router: Router, runner: Runner): void {
  router.add('GET', '/port', async ({ res, sandbox }) => {
    sendJson(res, 200, { ports: await listeningPorts(runner, sandbox) });
  });
  router.add('GET', '/port/:port/in-use', async ({ res, sandbox, params }) => {
    const raw = params['port'] as string;
    if (!/^\d+$/.test(raw)) throw badRequest('invalid port: must be a number between 3000 and 9999');
    const port = Number(raw);
    if (port < 3000 || port > 9999) throw badRequest('port out of range: must be between 3000 and 9999');
    sendJson(res, 200, { isInUse: (await listeningPorts(runner, sandbox)).includes(port) });
  });
}
