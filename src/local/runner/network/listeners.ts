// The TCP listeners of a network namespace, read by the backend from /proc/<pid>/net/tcp{,6} of a process in
// it. This is the backend's own view of which ports a sandbox serves: nothing the sandbox writes takes part.
import { promises as fsp } from 'node:fs';

export interface Listener {
  readonly port: number;
  readonly family: 4 | 6;
  /** `any`: 0.0.0.0 or ::; `loopback`: 127.0.0.0/8, ::1 or ::ffff:127.x; `other`: one interface address. */
  readonly scope: 'any' | 'loopback' | 'other';
}

const LISTEN = '0A';

export async function readListeners(pid: number): Promise<Listener[]> {
  const [v4, v6] = await Promise.all([fsp.readFile(`/proc/${pid}/net/tcp`, 'utf8').catch(() => ''), fsp.readFile(`/proc/${pid}/net/tcp6`, 'utf8').catch(() => '')]);
  return [...parseTable(v4, 4), ...parseTable(v6, 6)];
}

export function parseTable(text: string, family: 4 | 6): Listener[] {
  const out: Listener[] = [];
  for (const line of text.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    if (fields[3] !== LISTEN || local === undefined) continue;
    const [addr, portHex] = local.split(':');
    const port = parseInt(portHex ?? '', 16);
    if (!addr || !Number.isInteger(port) || port <= 0) continue;
    out.push({ port, family, scope: family === 4 ? scopeV4(addr) : scopeV6(addr) });
  }
  return out;
}

/** /proc prints the address as a little-endian 32-bit word: 127.0.0.1 is `0100007F`. */
function scopeV4(hex: string): Listener['scope'] {
  if (/^0+$/.test(hex)) return 'any';
  return hex.slice(6, 8).toUpperCase() === '7F' ? 'loopback' : 'other';
}

/** Four little-endian words: :: is all zeros, ::1 is `...01000000`, ::ffff:127.x ends in `FFFF0000` + `..7F`. */
function scopeV6(hex: string): Listener['scope'] {
  const h = hex.toUpperCase();
  if (/^0+$/.test(h)) return 'any';
  if (h === '00000000000000000000000001000000') return 'loopback';
  if (h.startsWith('0000000000000000FFFF0000')) return h.slice(30, 32) === '7F' ? 'loopback' : 'other';
  return 'other';
}
