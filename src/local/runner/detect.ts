// Whether bubblewrap can isolate sandbox processes here: tried once (a trivial command in a throwaway
// sandbox) and remembered. The caller warns once when it cannot.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bwrapArgs } from './bwrap';

let cached: Promise<{ isolated: boolean; reason?: string }> | undefined;

export function detectIsolation(): Promise<{ isolated: boolean; reason?: string }> {
  cached ??= probe();
  return cached;
}

async function probe(): Promise<{ isolated: boolean; reason?: string }> {
  if (process.platform !== 'linux') return { isolated: false, reason: `bubblewrap needs Linux (this is ${process.platform})` };
  const home = mkdtempSync(path.join(os.tmpdir(), 'forge-bwrap-probe-'));
  try {
    const sandbox = { id: 'probe', homeDir: home, runtimeDir: home, env: {}, volumes: [], language: 'typescript' };
    const args = bwrapArgs({ sandbox, cwd: '/home/daytona', argv: ['sh', '-c', 'test -d /home/daytona'], binds: [], newSession: false });
    const result = await new Promise<{ isolated: boolean; reason?: string }>((resolve) => {
      execFile('bwrap', args, { timeout: 10_000 }, (err, _stdout, stderr) => {
        if (!err) resolve({ isolated: true });
        else if ((err as NodeJS.ErrnoException).code === 'ENOENT') resolve({ isolated: false, reason: 'bubblewrap (bwrap) is not installed; install the `bubblewrap` package' });
        else resolve({ isolated: false, reason: `bubblewrap cannot create a sandbox here: ${stderr.trim() || err.message}` });
      });
    });
    return result;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
