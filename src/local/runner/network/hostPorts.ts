// Host loopback ports the user explicitly lets sandboxes reach, for development and tests (a git server on
// 127.0.0.1): FORGE_LOCAL_HOST_PORTS=4000,4001. Nothing else of the host's loopback is reachable. The backend
// serves `host-<port>.sock` in its private directory and pipes each connection to 127.0.0.1:<port>; the
// forwarder inside the sandbox's network listens on 127.0.0.1:<port> and relays to that socket.
import { createServer, connect, type Server } from 'node:net';
import path from 'node:path';

export function allowedHostPorts(value = process.env['FORGE_LOCAL_HOST_PORTS'] ?? ''): number[] {
  return [...new Set(value.split(',').map((p) => Number(p.trim())))].filter((p) => Number.isInteger(p) && p > 0 && p < 65536);
}

export class HostPortRelays {
  private readonly servers = new Map<number, Promise<Server>>();

  /** Makes sure `host-<port>.sock` is served for each port. */
  async serve(dir: string, ports: readonly number[]): Promise<void> {
    await Promise.all(ports.map((port) => this.one(dir, port)));
  }

  async close(): Promise<void> {
    const all = await Promise.all(this.servers.values());
    this.servers.clear();
    await Promise.all(all.map((server) => new Promise<void>((done) => server.close(() => done()))));
  }

  private one(dir: string, port: number): Promise<Server> {
    let server = this.servers.get(port);
    if (!server) {
      server = new Promise<Server>((resolve, reject) => {
        const relay = createServer((inside) => {
          const toHost = connect(port, '127.0.0.1');
          inside.pipe(toHost);
          toHost.pipe(inside);
          inside.on('error', () => toHost.destroy());
          toHost.on('error', () => inside.destroy());
          inside.on('close', () => toHost.destroy());
          toHost.on('close', () => inside.destroy());
        });
        relay.once('error', reject);
        relay.listen(path.join(dir, `host-${port}.sock`), () => resolve(relay));
      });
      this.servers.set(port, server);
    }
    return server;
  }
}
