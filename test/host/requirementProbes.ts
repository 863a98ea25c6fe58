// The harness's own check of each skip requirement (test/support/requirements.ts), independent of the test
// that skipped: a suite whose probe is wrong cannot quietly skip itself on a machine that could run it.
import { spawnSync } from 'node:child_process';
import type { TierResult } from './results';

let bubblewrap: boolean | undefined;

function bubblewrapWorks(): boolean {
  bubblewrap ??= spawnSync('bwrap', ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-pid', 'true'], { stdio: 'ignore', timeout: 10_000 }).status === 0;
  return bubblewrap;
}

/** Unknown requirements count as present: a skip nobody can check fails the run. */
export function requirementPresent(requirement: string, tier: TierResult): boolean {
  if (requirement === 'bubblewrap') return bubblewrapWorks();
  // The code-server host always serves UI automation (test/host/automationServer.ts); desktop VS Code has none.
  if (requirement === 'ui-automation') return (tier.host ?? '').startsWith('code-server');
  return true;
}
