// Host-side checks on processes a sandbox started (host /proc sees inside bubblewrap's pid namespaces too).
import { readdirSync, readFileSync } from 'node:fs';

/** Host pids whose command line starts with `prefix` (e.g. `sleep 313.`; shells that merely mention it do not count). */
export function processesMatching(prefix: string): number[] {
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
    if (cmdline.startsWith(prefix)) out.push(Number(name));
  }
  return out;
}

let markers = 0;

/**
 * A `sleep` command prefix unique to this test process and call (suites may run in parallel processes):
 * append a digit to get distinct sleeps, e.g. `${m}1 & ${m}2`, and count them with processesMatching(m).
 */
export function uniqueSleep(): string {
  markers++;
  return `sleep 400.${String(process.pid).padStart(7, '0')}${String(markers).padStart(3, '0')}`;
}
