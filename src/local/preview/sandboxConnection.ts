// Connections from the preview proxy to a sandbox port. An isolated sandbox's port is reached through its
// network's forwarder: a UNIX socket in the backend's private directory, told `<host> <port>` first (see
// runner/network/forwarderSource.ts). An unisolated sandbox's port is a plain loopback port of the host.
import { Agent, type AgentOptions } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { PortTarget } from '../contracts';

export function openConnection(target: PortTarget): Socket {
  if (target.socketPath === undefined) return connect(target.port, target.host);
  const socket = connect(target.socketPath);
  socket.write(`${target.host} ${target.port}\n`);
  return socket;
}

/** Request options that route through `SandboxAgent` (keep-alive pools stay per socket and port). */
export function requestTarget(target: PortTarget): { host: string; port: number; socketPath?: string } {
  return target.socketPath === undefined ? { host: target.host, port: target.port } : { host: target.host, port: target.port, socketPath: target.socketPath };
}

/** A keep-alive agent whose new connections go through `openConnection`. */
export class SandboxAgent extends Agent {
  constructor(options: AgentOptions) {
    super(options);
  }

  override createConnection(options: { host?: string | null; port?: number | string | null; socketPath?: string }): Socket {
    const host = options.host === '::1' ? '::1' : '127.0.0.1';
    const port = Number(options.port);
    return openConnection(options.socketPath === undefined ? { host, port } : { host, port, socketPath: options.socketPath });
  }
}
