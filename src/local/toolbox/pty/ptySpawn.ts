// The one place node-pty is loaded: a prebuilt native module (@lydell/node-pty), loaded on the first PTY so
// that a missing binary only breaks terminals, never the rest of the backend. It starts the program the
// runner built (bwrap with its arguments when isolated), so a PTY runs in the same isolation as any command.
import { createRequire } from 'node:module';
import type * as NodePtyModule from '@lydell/node-pty';
import type { IPty } from '@lydell/node-pty';
import type { CommandLine } from '../../runner';
import { DaemonError } from '../daemonError';

type NodePty = typeof NodePtyModule;
let loaded: NodePty | undefined;

function nodePty(): NodePty {
  try {
    // Resolved at run time from the bundle's folder (dist/node_modules, see esbuild.js), never bundled.
    loaded ??= createRequire(__filename)('@lydell/node-pty') as NodePty;
    return loaded;
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new DaemonError(500, 'INTERNAL_SERVER_ERROR', `terminals need the @lydell/node-pty native module, which did not load (${reason}); reinstall Forge for this platform`);
  }
}

// Async so that a module that fails to load rejects like any other start failure.
// eslint-disable-next-line @typescript-eslint/require-await
export async function spawnPty(command: CommandLine, cols: number, rows: number): Promise<IPty> {
  const pty = nodePty();
  // encoding null: output arrives as raw bytes, sent to clients unchanged (no split UTF-8 sequences).
  return pty.spawn(command.file, [...command.args], { name: command.env['TERM'] ?? 'xterm-256color', cols, rows, env: command.env, encoding: null, ...(command.cwd === undefined ? {} : { cwd: command.cwd }) });
}

/** node-pty's write takes a string in its types; its socket writes Buffers unchanged, which keeps input bytes exact. */
export function writeBytes(pty: IPty, data: Buffer): void {
  (pty.write as (data: string | Buffer) => void)(data);
}
