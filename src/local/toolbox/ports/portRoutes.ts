// Daytona's port routes: GET /port → {ports} (the ports the sandbox listens on, as the sandbox sees them) and
// GET /port/{port}/in-use → {isInUse} (3000-9999, as the daemon checks).
import type { LocalSandbox } from '../../contracts';
import { badRequest } from '../daemonError';
import { sendJson } from '../http';
import type { Router } from '../router';
import { acceptsConnections, listPortMappings } from './portMap';

/**
 * The TCP ports a sandbox's processes listen on, by the numbers they asked for. The one place that answers
 * this: today from the preload's port map (remapped listens); with a network namespace per sandbox it can read
 * /proc/<pid>/net/tcp of that namespace instead.
 */
export async function listeningPorts(sandbox: LocalSandbox): Promise<number[]> {
  const mappings = await listPortMappings(sandbox);
  const live = await Promise.all(mappings.map(async (m) => ((await acceptsConnections(m.actualPort, 250)) ? m.port : undefined)));
  return live.filter((p): p is number => p !== undefined).sort((a, b) => a - b);
}

export function registerPortRoutes(router: Router): void {
  router.add('GET', '/port', async ({ res, sandbox }) => {
    sendJson(res, 200, { ports: await listeningPorts(sandbox) });
  });
  router.add('GET', '/port/:port/in-use', async ({ res, sandbox, params }) => {
    const raw = params['port'] as string;
    if (!/^\d+$/.test(raw)) throw badRequest('invalid port: must be a number between 3000 and 9999');
    const port = Number(raw);
    if (port < 3000 || port > 9999) throw badRequest('port out of range: must be between 3000 and 9999');
    sendJson(res, 200, { isInUse: (await listeningPorts(sandbox)).includes(port) });
  });
}
