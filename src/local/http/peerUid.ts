// Which local user opened a loopback TCP connection, read from /proc/net/tcp (the client's end of the
// connection is a row there with its owner's uid). Lets a preview listener tell its own user's browser
// from another account on the same machine, which a header cannot.
import { readFile } from 'node:fs/promises';
import type { Socket } from 'node:net';

const cache = new WeakMap<Socket, Promise<number | undefined>>();

/** The uid owning the other end of `socket`, or undefined where the kernel does not say (not Linux, not IPv4). */
export function peerUid(socket: Socket): Promise<number | undefined> {
  let known = cache.get(socket);
  if (known === undefined) {
    known = lookUp(socket).catch(() => undefined);
    cache.set(socket, known);
  }
  return known;
}

/** True when the connection is this process's own user (or the platform cannot tell). */
export async function fromThisUser(socket: Socket): Promise<boolean> {
  if (process.platform !== 'linux' || typeof process.getuid !== 'function') return true;
  return (await peerUid(socket)) === process.getuid();
}

async function lookUp(socket: Socket): Promise<number | undefined> {
  const { remoteAddress, remotePort, localAddress, localPort } = socket;
  if (remoteAddress === undefined || remotePort === undefined || localAddress === undefined || localPort === undefined) return undefined;
  const clientEnd = `${hexAddress(remoteAddress)}:${hexPort(remotePort)}`;
  const serverEnd = `${hexAddress(localAddress)}:${hexPort(localPort)}`;
  const table = await readFile('/proc/net/tcp', 'utf8');
  for (const line of table.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] === clientEnd && fields[2] === serverEnd) return Number(fields[7]);
  }
  return undefined;
}

/** /proc/net/tcp writes an IPv4 address as its 32-bit value in host (little-endian) byte order. */
function hexAddress(address: string): string {
  const octets = address.replace(/^::ffff:/, '').split('.');
  if (octets.length !== 4) return '?';
  return octets.reverse().map((o) => Number(o).toString(16).padStart(2, '0')).join('').toUpperCase();
}

function hexPort(port: number): string {
  return port.toString(16).padStart(4, '0').toUpperCase();
}
