// Ends a process together with everything it started. A command runs in its own process group (and, with
// bubblewrap, its own pid namespace); children that left the group are found through /proc by parentage.
import { promises as fsp, readFileSync } from 'node:fs';

/** All descendants of `rootPid` (Linux /proc; empty elsewhere). */
export async function descendants(rootPid: number): Promise<number[]> {
  let names: string[];
  try {
    names = await fsp.readdir('/proc');
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  await Promise.all(
    names.map(async (name) => {
      if (!/^\d+$/.test(name)) return;
      const stat = await fsp.readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
      // Fields after the `(comm)` that may contain spaces: state ppid ...
      const after = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(after[1]);
      if (!Number.isInteger(ppid)) return;
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    }),
  );
  const out: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/** Running (a zombie counts as gone: it only waits for a parent, possibly an init that never reaps). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return process.platform !== 'linux';
  }
}

/**
 * SIGTERM to the group led by `pid` and to every descendant, then SIGKILL after `graceMs` to whatever is
 * left (including descendants started in the meantime). Resolves once the leader is gone.
 */
export async function killTree(pid: number, graceMs = 1500): Promise<void> {
  const first = await descendants(pid);
  signal(-pid, 'SIGTERM');
  for (const p of first) signal(p, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && (alive(pid) || first.some(alive))) await new Promise((r) => setTimeout(r, 25));
  const rest = [...new Set([...first, ...(await descendants(pid))])];
  signal(-pid, 'SIGKILL');
  for (const p of rest) signal(p, 'SIGKILL');
  signal(pid, 'SIGKILL');
}
