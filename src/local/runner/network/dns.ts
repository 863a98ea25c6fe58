// Which resolv.conf a sandbox with its own network gets. A loopback name server (systemd-resolved's
// 127.0.0.53 stub) does not exist inside the namespace: then systemd's list of upstream servers is used,
// or else slirp4netns' own DNS forwarder (10.0.2.3).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const UPSTREAM = '/run/systemd/resolve/resolv.conf';

function nameservers(file: string): string[] | undefined {
  try {
    return [...readFileSync(file, 'utf8').matchAll(/^\s*nameserver\s+(\S+)/gm)].map((m) => m[1] as string);
  } catch {
    return undefined;
  }
}

const isLoopback = (address: string): boolean => address.startsWith('127.') || address === '::1';

/** A file to bind at /etc/resolv.conf, or undefined when the host's works inside as it is. */
export function sandboxResolvConf(privateDir: string, hostFile = '/etc/resolv.conf'): string | undefined {
  const host = nameservers(hostFile) ?? [];
  if (host.length > 0 && !host.some(isLoopback)) return undefined;
  const upstream = nameservers(UPSTREAM);
  if (upstream && upstream.length > 0 && !upstream.some(isLoopback)) return UPSTREAM;
  const file = path.join(privateDir, 'resolv.conf');
  writeFileSync(file, 'nameserver 10.0.2.3\n', { mode: 0o644 });
  return file;
}
