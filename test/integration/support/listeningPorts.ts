// The TCP ports this process listens on, read from /proc as VS Code's own port finder does (it maps listening
// sockets in /proc/net/tcp{,6} to processes through /proc/<pid>/fd). Linux only; elsewhere an empty list.
import { readdir, readFile, readlink } from 'node:fs/promises';

const LISTEN = '0A';

/** The ports the sockets of this process listen on. */
export async function listeningPortsOfThisProcess(): Promise<number[]> {
  const inodes = new Set<string>();
  const fds = await readdir('/proc/self/fd').catch(() => [] as string[]);
  for (const fd of fds) {
    const link = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
    if (inode) inodes.add(inode);
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const lines = (await readFile(table, 'utf8').catch(() => '')).split('\n').slice(1);
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const [local, state, inode] = [fields[1], fields[3], fields[9]];
      if (state === LISTEN && local && inode && inodes.has(inode)) ports.add(parseInt(local.split(':')[1] ?? '0', 16));
    }
  }
  return [...ports].sort((a, b) => a - b);
}
