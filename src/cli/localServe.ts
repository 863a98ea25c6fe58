// `forge local serve`: runs the local backend in the foreground. stdout carries exactly one JSON line
// `{"apiUrl","apiKey"}` once requests are accepted; everything for humans goes to stderr.
import { parseArgs } from 'node:util';
import { ForgeError } from '../common/errors';
import { startLocalBackend } from '../local';
import { stderrLogger } from './logger';

export const LOCAL_SERVE_USAGE = `usage: forge local serve [--port N] [--data DIR] [--faults] [--no-isolation]

Runs the embedded Daytona-compatible backend on 127.0.0.1 until Ctrl-C / SIGTERM, which also ends every
process its sandboxes started. Prints one JSON line {"apiUrl","apiKey"} when ready.

options:
  --port N         port to listen on (default: any free port)
  --data DIR       data directory (default: Forge's folder in the user cache)
  --no-isolation   run sandboxes WITHOUT isolation (plain processes with your rights); by default
                   bubblewrap and slirp4netns are required (sudo apt install bubblewrap slirp4netns)
  --faults         serve /_forge/faults (fault injection for tests); off by default

environment: FORGE_LOCAL_API_KEY, the API key clients must send (default: a random one). --api-key KEY
still works but puts the key on the command line, where every local user can read it (ps).
`;

export async function localServeMain(argv: readonly string[]): Promise<number> {
  const [subcommand, ...rest] = argv;
  if (subcommand !== 'serve') {
    process.stderr.write(LOCAL_SERVE_USAGE);
    return 2;
  }
  const options = readOptions(rest);
  const backend = await startLocalBackend({ ...options, logger: stderrLogger(process.env['FORGE_LOG_LEVEL'] === 'debug') });
  process.stdout.write(`${JSON.stringify({ apiUrl: backend.apiUrl, apiKey: backend.apiKey })}\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    const onSignal = (name: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      // A second Ctrl-C while stopping ends at once.
      process.once('SIGINT', () => process.exit(130));
      resolve(name);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  process.stderr.write(`forge: ${signal}: stopping the local backend and its sandboxes' processes\n`);
  await backend.close();
  return 0;
}

function readOptions(argv: readonly string[]): { port?: number; apiKey?: string; dataDir?: string; isolate: boolean; faults?: boolean } {
  let values: { port?: string | undefined; 'api-key'?: string | undefined; data?: string | undefined; 'no-isolation'?: boolean | undefined; faults?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { port: { type: 'string' }, 'api-key': { type: 'string' }, data: { type: 'string' }, 'no-isolation': { type: 'boolean' }, faults: { type: 'boolean' } } }));
  } catch (error) {
    throw new ForgeError('bad-setting', error instanceof Error ? error.message : String(error), { hint: 'Run "forge local serve --help".' });
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!/^\d+$/.test(values.port ?? '') || port > 65_535)) {
    throw new ForgeError('bad-setting', `--port ${values.port ?? ''} is not a port number.`, { hint: 'Use a whole number from 0 (any free port) to 65535.' });
  }
  const apiKey = values['api-key'] ?? (process.env['FORGE_LOCAL_API_KEY'] || undefined);
  if (apiKey === '') {
    throw new ForgeError('bad-setting', 'The API key must not be empty.');
  }
  if (values['api-key'] !== undefined) {
    process.stderr.write('forge: warning: --api-key puts the key on the command line, readable by every local user; set FORGE_LOCAL_API_KEY instead.\n');
  }
  return {
    ...(port === undefined ? {} : { port }),
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(values.data === undefined ? {} : { dataDir: values.data }),
    isolate: values['no-isolation'] !== true,
    ...(values.faults === true ? { faults: true } : {}),
  };
}
