// The sandbox's memory limit, enforced as Daytona's container cgroup does: when the processes a sandbox runs hold
// more resident memory than the sandbox has, the biggest one is killed with SIGKILL (exit code 137), as the
// kernel's OOM killer picks its victim by size. Cgroups would be exact, but a container (CI, this machine) rarely
// lets a user create one (`systemd-run --user` needs a user bus), and `prlimit --as` limits virtual memory, which
// Node reserves by gigabytes without using: so the resident sizes of each process tree are summed every
// `pollMs` from /proc (Linux only; elsewhere nothing is enforced). A tree that grows faster than one poll can
// briefly exceed the limit; the kill follows within one poll.
import { promises as fsp } from 'node:fs';

export interface MemoryLimitOptions {
  /** Bytes a sandbox may hold per GiB of its `memory` (tests shrink it; default 1 GiB). */
  readonly bytesPerGiB?: number;
  /** How often the trees are measured (default 500 ms). */
  readonly pollMs?: number;
}

/** One tracked process tree: its root pid and who to tell when something in it is killed. */
interface Root {
  readonly sandboxId: string;
  readonly limitBytes: number;
  readonly onKill?: (report: MemoryKill) => void;
}

export interface MemoryKill {
  readonly pid: number;
  readonly command: string;
  readonly rssBytes: number;
  readonly limitBytes: number;
}

interface ProcInfo {
  readonly ppid: number;
  readonly command: string;
}

export class MemoryWatch {
  private readonly roots = new Map<number, Root>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly bytesPerGiB: number;
  private readonly pollMs: number;

  constructor(
    options: MemoryLimitOptions,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.bytesPerGiB = options.bytesPerGiB ?? 1024 ** 3;
    this.pollMs = options.pollMs ?? 500;
  }

  /** Counts `pid` and its descendants against the sandbox's `memoryGiB`; returns the way to stop counting it. */
  track(sandboxId: string, memoryGiB: number, pid: number, onKill?: (report: MemoryKill) => void): () => void {
    if (process.platform !== 'linux') return () => undefined;
    this.roots.set(pid, { sandboxId, limitBytes: Math.max(1, memoryGiB) * this.bytesPerGiB, ...(onKill ? { onKill } : {}) });
    this.timer ??= setInterval(() => void this.tick(), this.pollMs);
    this.timer.unref();
    return () => {
      this.roots.delete(pid);
      if (this.roots.size === 0) this.dispose();
    };
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One measurement: every sandbox's trees summed; over the limit, the biggest process is killed. */
  async tick(): Promise<void> {
    if (this.running || this.roots.size === 0) return;
    this.running = true;
    try {
      const table = await processTable();
      const children = new Map<number, number[]>();
      for (const [pid, info] of table) children.set(info.ppid, [...(children.get(info.ppid) ?? []), pid]);
      const bySandbox = new Map<string, { limitBytes: number; members: { pid: number; root: Root }[] }>();
      for (const [rootPid, root] of this.roots) {
        const group = bySandbox.get(root.sandboxId) ?? { limitBytes: root.limitBytes, members: [] };
        bySandbox.set(root.sandboxId, group);
        for (const pid of treeOf(rootPid, table, children)) group.members.push({ pid, root });
      }
      for (const [sandboxId, group] of bySandbox) await this.enforce(sandboxId, group.limitBytes, group.members, table);
    } finally {
      this.running = false;
    }
  }

  private async enforce(sandboxId: string, limitBytes: number, members: { pid: number; root: Root }[], table: Map<number, ProcInfo>): Promise<void> {
    const sizes = await Promise.all(members.map(async (m) => ({ ...m, rss: await residentBytes(m.pid) })));
    const total = sizes.reduce((sum, s) => sum + s.rss, 0);
    if (total <= limitBytes || sizes.length === 0) return;
    const victim = sizes.reduce((a, b) => (b.rss > a.rss ? b : a));
    // Read before the kill: a zombie's command line is empty.
    const cmdline = await fsp.readFile(`/proc/${victim.pid}/cmdline`, 'utf8').catch(() => '');
    const name = table.get(victim.pid)?.command ?? String(victim.pid);
    try {
      process.kill(victim.pid, 'SIGKILL');
    } catch {
      return; // gone already
    }
    const command = cmdline.replace(/\0+$/, '').split('\0').join(' ') || name;
    // The server log names the program only: a command line may carry what the sandbox's user typed.
    this.log(`sandbox ${sandboxId}: out of memory (${mib(total)} MiB of ${mib(limitBytes)} MiB): killed process ${victim.pid} (${name}, ${mib(victim.rss)} MiB)`);
    victim.root.onKill?.({ pid: victim.pid, command, rssBytes: victim.rss, limitBytes });
  }
}

function mib(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

/** Every process's parent and short name (the command line is read for a victim only). */
async function processTable(): Promise<Map<number, ProcInfo>> {
  const table = new Map<number, ProcInfo>();
  const names = await fsp.readdir('/proc').catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      if (!/^\d+$/.test(name)) return;
      const stat = await fsp.readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
      const close = stat.lastIndexOf(')');
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      if (!Number.isInteger(ppid)) return;
      table.set(Number(name), { ppid, command: stat.slice(stat.indexOf('(') + 1, close) });
    }),
  );
  return table;
}

function treeOf(rootPid: number, table: Map<number, ProcInfo>, children: Map<number, number[]>): number[] {
  const out = table.has(rootPid) ? [rootPid] : [];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i] as number) ?? []));
  return out;
}

/** VmRSS of a process in bytes (0 for a zombie or one that is gone). */
async function residentBytes(pid: number): Promise<number> {
  const status = await fsp.readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
  return kb ? Number(kb) * 1024 : 0;
}
