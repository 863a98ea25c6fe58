// Whether sandbox processes can be isolated here: bubblewrap runs a trivial command, and a network namespace
// of its own comes up with slirp4netns (the exact mechanisms the runner uses). Tried once and remembered.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bwrapArgs } from './bwrap';
import { NetworkPool } from './network/networkPool';
import { INSTALL_HINT } from './network/sandboxNetwork';

export interface IsolationProbe {
  readonly isolated: boolean;
  readonly reason?: string;
}

let cached: Promise<IsolationProbe> | undefined;

export function detectIsolation(): Promise<IsolationProbe> {
  cached ??= probe();
  return cached;
}

async function probe(): Promise<IsolationProbe> {
  if (process.platform !== 'linux') return { isolated: false, reason: `sandbox isolation needs Linux with bubblewrap and slirp4netns (this is ${process.platform})` };
  const bwrap = await probeBwrap();
  if (!bwrap.isolated) return bwrap;
  const pool = new NetworkPool();
  try {
    await pool.ensure('probe');
    return { isolated: true };
  } catch (error) {
    return { isolated: false, reason: error instanceof Error ? error.message.replace(/\.$/, '') : String(error) };
  } finally {
    await pool.dispose();
  }
}

async function probeBwrap(): Promise<IsolationProbe> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'forge-bwrap-probe-'));
  try {
    const sandbox = { id: 'probe', homeDir: home, insideHome: '/home/daytona', user: 'daytona', daemonVersion: 'probe', runtimeDir: home, env: {}, volumes: [], memoryGiB: 1, language: 'typescript' };
    const args = bwrapArgs({ sandbox, cwd: '/home/daytona', argv: ['/bin/sh', '-c', 'test -d /home/daytona'], binds: [], newSession: false });
    return await new Promise<IsolationProbe>((resolve) => {
      execFile('bwrap', args, { timeout: 10_000 }, (err, _stdout, stderr) => {
        if (!err) resolve({ isolated: true });
        else if ((err as NodeJS.ErrnoException).code === 'ENOENT') resolve({ isolated: false, reason: `bubblewrap (bwrap) is not installed. ${INSTALL_HINT}` });
        else resolve({ isolated: false, reason: `bubblewrap cannot create a sandbox here: ${stderr.trim() || err.message}` });
      });
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
