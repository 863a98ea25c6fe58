// Host-side checks on processes a sandbox started (host /proc sees inside bubblewrap's pid namespaces too).
import { readdirSync, readFileSync } from 'node:fs';

/** Host pids whose command line contains `marker`. */
export function processesMatching(marker: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    // Zombies have an empty cmdline; a process that is gone cannot be read.
    if (cmdline.includes(marker)) out.push(Number(name));
  }
  return out;
}
