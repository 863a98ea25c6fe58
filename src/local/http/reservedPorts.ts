// Forge's own loopback listeners (the management API, preview links, signed preview URLs) take their ports from
// one range, so the extension's manifest can tell VS Code's port auto-forwarding to leave them alone
// (`remote.portsAttributes` for this range with `onAutoForward: ignore`, in package.json `configurationDefaults`).
// VS Code names every listener of the extension host "Code Extension Host"; a port range is the one thing a
// manifest can match them by without also hiding other extensions' ports.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PortRange {
  readonly first: number;
  readonly last: number;
}

/** Below Linux's ephemeral range (32768-60999), so outgoing connections never hold these ports. */
export const FORGE_PORT_RANGE: PortRange = { first: 26400, last: 26599 };

/** Where the next search starts: ports handed out earlier are usually still taken. */
let cursor = 0;

/**
 * Listens on 127.0.0.1 at a free port of `range` and resolves with it; when every port of the range is taken (many
 * windows, another user's Forge) at any free port, which VS Code may then list in its Ports view.
 */
export async function listenInRange(server: Server, range: PortRange = FORGE_PORT_RANGE): Promise<number> {
  const size = range.last - range.first + 1;
  // Each search visits every port once from where it started, whatever concurrent searches do to the cursor.
  const start = cursor;
  for (let tried = 0; tried < size; tried += 1) {
    const port = range.first + ((start + tried) % size);
    if (await tryListen(server, port)) {
      cursor = (port - range.first + 1) % size;
      return port;
    }
  }
  await tryListen(server, 0);
  return (server.address() as AddressInfo).port;
}

/** Listens on 127.0.0.1 at `port`; false when it is taken (the server can listen again), other errors reject. */
export function tryListen(server: Server, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE' && port !== 0) resolve(false);
      else reject(error);
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve(true);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}
