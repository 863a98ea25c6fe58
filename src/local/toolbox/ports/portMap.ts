// Reads the port map the Node preload of an UNISOLATED sandbox writes (runner/preloadSource.ts): `<port>.json`
// per port a sandbox process listens on, holding the real host port. Isolated sandboxes have none (their own
// network; see sandboxPorts.ts).
import { promises as fsp } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { LocalSandbox } from '../../contracts';
import { runtimeFiles } from '../../runner';

export interface PortMapping {
  /** The port the sandbox asked for. */
  readonly port: number;
  /** Where it really listens on the host (127.0.0.1). */
  readonly actualPort: number;
  /** Host the server asked for (null = all interfaces). */
  readonly host: string | null;
  /** Bound to localhost/127.0.0.1 only: real Daytona's proxy could not reach it. */
  readonly loopbackOnly: boolean;
}

export async function readPortMapping(sandbox: LocalSandbox, port: number): Promise<PortMapping | undefined> {
  if (!Number.isInteger(port) || port <= 0 || port > 65535) return undefined;
  try {
    const raw = JSON.parse(await fsp.readFile(path.join(runtimeFiles(sandbox).portMapDir, `${port}.json`), 'utf8')) as Partial<PortMapping>;
    if (typeof raw.actualPort !== 'number') return undefined;
    return { port, actualPort: raw.actualPort, host: typeof raw.host === 'string' ? raw.host : null, loopbackOnly: raw.loopbackOnly === true };
  } catch {
    return undefined;
  }
}

export async function listPortMappings(sandbox: LocalSandbox): Promise<PortMapping[]> {
  const names = await fsp.readdir(runtimeFiles(sandbox).portMapDir).catch(() => [] as string[]);
  const ports = names.map((n) => /^(\d+)\.json$/.exec(n)?.[1]).filter((p): p is string => p !== undefined);
  const all = await Promise.all(ports.map((p) => readPortMapping(sandbox, Number(p))));
  return all.filter((m): m is PortMapping => m !== undefined);
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function acceptsConnections(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.setTimeout(timeoutMs, () => done(false));
  });
}

/** Forgets every mapping (after the sandbox's processes were stopped). */
export async function clearPortMap(sandbox: LocalSandbox): Promise<void> {
  const dir = runtimeFiles(sandbox).portMapDir;
  const names = await fsp.readdir(dir).catch(() => [] as string[]);
  await Promise.all(names.map((n) => fsp.rm(path.join(dir, n), { force: true })));
}
