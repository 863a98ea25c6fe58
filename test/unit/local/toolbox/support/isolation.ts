// Which runner modes the suites can exercise here: plain processes always, bubblewrap when it works.
import { spawnSync } from 'node:child_process';
import { skipWithout } from '../../../../support/requirements';

function bubblewrapWorks(): boolean {
  const probe = spawnSync('bwrap', ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-pid', '--die-with-parent', 'true'], { stdio: 'ignore', timeout: 10_000 });
  return probe.status === 0;
}

export const BWRAP_AVAILABLE = bubblewrapWorks();

/** `[false, true]` with bubblewrap, `[false]` without (the isolated variants are then reported as pending). */
export const RUNNER_MODES: readonly { readonly isolate: boolean; readonly label: string }[] = [
  { isolate: false, label: 'plain processes' },
  { isolate: true, label: 'bubblewrap' },
];

/** In a `before` hook: skips the suite when it needs bubblewrap and this machine has none (the harness checks). */
export function skipWithoutBwrap(ctx: Mocha.Context, isolate: boolean): void {
  if (isolate && !BWRAP_AVAILABLE) skipWithout(ctx, 'bubblewrap');
}
