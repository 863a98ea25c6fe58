// The CLI's backend: Daytona from the environment (DAYTONA_API_KEY, DAYTONA_API_URL, DAYTONA_TARGET), or an embedded
// local backend in this process, for `forge preview`, `forge terminal` and `forge ports` alike.
import * as os from 'node:os';
import * as path from 'node:path';
import { ForgeError } from '../common/errors';
import type { Logger } from '../common/logger';
import type { BackendConnection } from '../core/connect';
import { startLocalBackend, type LocalBackend } from '../local';

export interface ConnectOptions {
  readonly backend: 'local' | 'daytona' | 'auto';
  readonly dataDir?: string;
  readonly logger: Logger;
  /** Isolate local sandboxes (bubblewrap); default true. */
  readonly isolate?: boolean;
  /** Called with the embedded local backend once it runs: the caller closes it. */
  readonly onLocal: (backend: LocalBackend) => void;
}

/** `auto` is Daytona when DAYTONA_API_KEY is set, else the local backend (in ~/.cache/forge/local-backend by default). */
export async function connectBackend(options: ConnectOptions): Promise<BackendConnection> {
  const apiKey = process.env['DAYTONA_API_KEY'];
  const kind = options.backend === 'auto' ? (apiKey ? 'daytona' : 'local') : options.backend;
  if (kind === 'daytona') {
    if (!apiKey) throw new ForgeError('api-key', 'DAYTONA_API_KEY is not set.', { hint: 'Export your Daytona API key, or use --backend local.' });
    const target = process.env['DAYTONA_TARGET'];
    return { kind, apiKey, apiUrl: process.env['DAYTONA_API_URL'] || 'https://app.daytona.io/api', ...(target ? { target } : {}) };
  }
  const dataDir = options.dataDir ?? path.join(os.homedir(), '.cache', 'forge', 'local-backend');
  const backend = await startLocalBackend({ dataDir, logger: options.logger, ...(options.isolate === undefined ? {} : { isolate: options.isolate }) });
  options.onLocal(backend);
  return { kind, apiUrl: backend.apiUrl, apiKey: backend.apiKey };
}
