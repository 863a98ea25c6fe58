// `forge terminal [path|sandbox-id]`: a shell in a sandbox on this terminal. Stdin in raw mode goes to the PTY
// as typed (Ctrl-C included), the window size follows SIGWINCH, the PTY's exit code is the command's.
import { TerminalSession } from '../core/terminal/terminalSession';
import type { Sandbox } from '../core/connect';
import { withTargetSandbox } from './sandboxTarget';

export const TERMINAL_USAGE = `usage: forge terminal [path|sandbox-id] [options]

Opens a shell in the sandbox of the repository at path (default: the current directory; the one
"forge preview" set up), in the repository's folder, or in the sandbox with that id. A stopped sandbox is started.

options:
  --backend local|daytona|auto   where the sandbox runs (auto: Daytona when DAYTONA_API_KEY is set)
  --data DIR                     the local backend's data directory
`;

export async function terminalMain(argv: readonly string[]): Promise<number> {
  return withTargetSandbox(argv, 'terminal', async ({ sandbox, cwd }) => {
    if (sandbox.state !== 'started') {
      process.stderr.write(`forge: starting sandbox ${sandbox.id}…\n`);
      await sandbox.start(120);
    }
    return attach(sandbox, cwd);
  });
}

/** Connects this terminal to a new PTY until the shell exits or the connection drops. */
async function attach(sandbox: Sandbox, cwd: string | undefined): Promise<number> {
  const stdin = process.stdin;
  const size = (): [number, number] => [process.stdout.columns || 80, process.stdout.rows || 24];
  return new Promise<number>((resolve, reject) => {
    const done = (code: number): void => {
      process.off('SIGWINCH', onResize);
      stdin.off('data', onInput);
      if (stdin.isTTY) stdin.setRawMode(false);
      stdin.pause();
      resolve(code);
    };
    const session = new TerminalSession({ process: sandbox.process, ...(cwd ? { cwd } : {}) }, {
      output: (text) => process.stdout.write(text),
      exited: (code) => done(code ?? 1),
      dropped: (reason) => {
        process.stderr.write(`\r\nforge: the connection to the sandbox was lost (${reason}). Run "forge terminal" again to start a new shell.\r\n`);
        done(1);
      },
    });
    const onInput = (data: Buffer): void => session.input(data.toString('utf8'));
    const onResize = (): void => session.resize(...size());
    session.open(...size()).then(() => {
      if (stdin.isTTY) stdin.setRawMode(true);
      stdin.on('data', onInput);
      stdin.resume();
      process.on('SIGWINCH', onResize);
    }, reject);
  });
}
