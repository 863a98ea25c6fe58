// `forge terminal [path|sandbox-id]`: a shell in a sandbox on this terminal. Stdin in raw mode goes to the PTY
// as typed (Ctrl-C included), the window size follows SIGWINCH, the PTY's exit code is the command's.
import * as os from 'node:os';
import * as path from 'node:path';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { findSandbox } from '../core/pipeline/sandboxStep';
import { sandboxKey } from '../core/pipeline/run';
import { sandboxRepoPath } from '../core/pipeline/codeStep';
import { sandboxHome } from '../core/sandboxHome';
import { createWorkingTreeReader } from '../core/pipeline/defaultWorkingTree';
import { DEFAULT_PREVIEW_SETTINGS } from '../core/pipeline/settings';
import { TerminalSession } from '../core/terminal/terminalSession';
import { ForgeError } from '../common/errors';
import { createDaytonaClient, type BackendConnection, type Sandbox, type SandboxClient } from '../core/connect';
import { startLocalBackend, type LocalBackend } from '../local';
import { stderrLogger } from './logger';

export const TERMINAL_USAGE = `usage: forge terminal [path|sandbox-id] [options]

Opens a shell in the sandbox of the repository at path (default: the current directory; the one
"forge preview" set up), in the repository's folder, or in the sandbox with that id. A stopped sandbox is started.

options:
  --backend local|daytona|auto   where the sandbox runs (auto: Daytona when DAYTONA_API_KEY is set)
  --data DIR                     the local backend's data directory
`;

export async function terminalMain(argv: readonly string[]): Promise<number> {
  const { target, backend, dataDir } = parse(argv);
  const logger = stderrLogger(process.env['FORGE_LOG_LEVEL'] === 'debug');
  let local: LocalBackend | undefined;
  try {
    const connection = await connect(backend, dataDir, (b) => (local = b));
    const daytona = createDaytonaClient(connection);
    const { sandbox, cwd } = await findTarget(daytona, target, logger);
    if (sandbox.state !== 'started') {
      process.stderr.write(`forge: starting sandbox ${sandbox.id}…\n`);
      await sandbox.start(120);
    }
    return await attach(sandbox, cwd);
  } finally {
    await local?.close();
  }
}

function parse(argv: readonly string[]): { target: string; backend: 'local' | 'daytona' | 'auto'; dataDir?: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { backend: { type: 'string', default: 'auto' }, data: { type: 'string' } } });
  } catch (error) {
    throw new ForgeError('bad-setting', error instanceof Error ? error.message : String(error), { hint: 'Run "forge terminal --help".' });
  }
  const backend = parsed.values.backend;
  if (backend !== 'local' && backend !== 'daytona' && backend !== 'auto') throw new ForgeError('bad-setting', `--backend must be one of local, daytona, auto (got "${backend}").`);
  return { target: parsed.positionals[0] ?? process.cwd(), backend, ...(parsed.values.data ? { dataDir: parsed.values.data } : {}) };
}

async function findTarget(daytona: SandboxClient, target: string, logger: ReturnType<typeof stderrLogger>): Promise<{ sandbox: Sandbox; cwd?: string }> {
  const folder = path.resolve(target);
  if ((await stat(folder).catch(() => undefined))?.isDirectory()) {
    const facts = await createWorkingTreeReader(logger).facts(folder, process.env['FORGE_GITHUB_HOST'] || DEFAULT_PREVIEW_SETTINGS.githubHost);
    const sandbox = await findSandbox(daytona, sandboxKey(facts));
    if (!sandbox) throw new ForgeError('internal', `No Forge sandbox for ${folder}.`, { hint: 'Run "forge preview" there first, or pass a sandbox id.' });
    return { sandbox, cwd: sandboxRepoPath(facts, await sandboxHome(sandbox)) };
  }
  try {
    return { sandbox: await daytona.get(target) };
  } catch {
    throw new ForgeError('internal', `"${target}" is neither a folder nor a sandbox id.`, { hint: 'Pass the path of a previewed repository or the id of a sandbox.' });
  }
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

async function connect(backend: 'local' | 'daytona' | 'auto', dataDir: string | undefined, onLocal: (b: LocalBackend) => void): Promise<BackendConnection> {
  const apiKey = process.env['DAYTONA_API_KEY'];
  const kind = backend === 'auto' ? (apiKey ? 'daytona' : 'local') : backend;
  if (kind === 'daytona') {
    if (!apiKey) throw new ForgeError('api-key', 'DAYTONA_API_KEY is not set.', { hint: 'Export your Daytona API key, or use --backend local.' });
    const target = process.env['DAYTONA_TARGET'];
    return { kind, apiKey, apiUrl: process.env['DAYTONA_API_URL'] || 'https://app.daytona.io/api', ...(target ? { target } : {}) };
  }
  const local = await startLocalBackend({ dataDir: dataDir ?? path.join(os.homedir(), '.cache', 'forge', 'local-backend'), logger: stderrLogger(false) });
  onLocal(local);
  return { kind, apiUrl: local.apiUrl, apiKey: local.apiKey };
}
