import { parseArgs } from 'node:util';
import { parseRef, type RemoteRef } from '../core/refs/refName';
import { ForgeError } from '../common/errors';

export interface PreviewArgs {
  readonly path: string;
  readonly backend: 'local' | 'daytona' | 'auto';
  readonly json: boolean;
  readonly onExit: 'keep' | 'stop' | 'delete';
  readonly watch: boolean;
  readonly port?: number;
  readonly devCommand?: string;
  readonly appPath?: string;
  readonly dataDir?: string;
  /** `--no-isolation`: the explicit choice to run repository code unisolated on the local backend. */
  readonly noIsolation: boolean;
  /** Preview this branch / pull request / commit of origin instead of the working tree. */
  readonly ref?: RemoteRef;
}

export const PREVIEW_USAGE = `usage: forge preview [path] [options]

Sets up a preview of the repository at path (default: the current directory) and prints its URL.

options:
  --backend local|daytona|auto   where the sandbox runs (auto: Daytona when DAYTONA_API_KEY is set)
  --json                         print one JSON line {sandboxId, previewUrl, framework, packageManager, port, ref, timings}
  --ref BRANCH|pull/N|COMMIT     preview that ref of origin in its own sandbox (the local checkout is not touched)
  --on-exit keep|stop|delete     what happens to the sandbox on Ctrl-C / SIGTERM (default: stop)
  --watch                        send file changes to the sandbox while running
  --port N, --dev-command CMD, --app-path DIR   override detection
  --data DIR                     the local backend's data directory
  --no-isolation                 run the local backend's sandboxes WITHOUT isolation: repository code runs as
                                 plain processes with your rights (only where bubblewrap/slirp4netns cannot)

environment: GITHUB_TOKEN or GH_TOKEN, FORGE_GITHUB_HOST, DAYTONA_API_KEY, DAYTONA_API_URL, DAYTONA_TARGET
`;

export function parsePreviewArgs(argv: readonly string[]): PreviewArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        backend: { type: 'string', default: 'auto' },
        json: { type: 'boolean', default: false },
        'on-exit': { type: 'string', default: 'stop' },
        watch: { type: 'boolean', default: false },
        port: { type: 'string' },
        'dev-command': { type: 'string' },
        'app-path': { type: 'string' },
        data: { type: 'string' },
        'no-isolation': { type: 'boolean', default: false },
        ref: { type: 'string' },
      },
    });
  } catch (error) {
    throw new ForgeError('bad-setting', error instanceof Error ? error.message : String(error), { hint: 'Run "forge preview --help".' });
  }
  const { values, positionals } = parsed;
  const backend = oneOf(values.backend, ['local', 'daytona', 'auto'] as const, '--backend');
  const onExit = oneOf(values['on-exit'], ['keep', 'stop', 'delete'] as const, '--on-exit');
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new ForgeError('bad-setting', `--port ${values.port} is not a port number.`, { hint: 'Use a whole number from 1 to 65535.' });
  }
  const ref = values.ref === undefined ? undefined : parseRef(values.ref);
  if (ref && values.watch) throw new ForgeError('bad-setting', '--watch sends local edits, which a --ref preview never takes.', { hint: 'Drop --watch, or preview the working tree without --ref.' });
  return {
    path: positionals[0] ?? process.cwd(),
    backend,
    json: values.json,
    onExit,
    watch: values.watch,
    ...(port !== undefined ? { port } : {}),
    ...(values['dev-command'] ? { devCommand: values['dev-command'] } : {}),
    ...(values['app-path'] ? { appPath: values['app-path'] } : {}),
    ...(values.data ? { dataDir: values.data } : {}),
    noIsolation: values['no-isolation'],
    ...(ref ? { ref } : {}),
  };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ForgeError('bad-setting', `${flag} must be one of ${allowed.join(', ')} (got "${value}").`);
}
