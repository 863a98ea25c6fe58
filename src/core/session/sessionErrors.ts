// The one place where a failed sandbox action (restart, pull, reconnect, a terminal) becomes a message a user can
// act on (a deleted sandbox, a bad key, a quota …). The pipeline maps its own errors per step in `run.ts`.
import { toForgeError } from '../../daytona/errors';

export async function withSandboxErrors<T>(doing: string, backendName: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toForgeError(error, doing, backendName);
  }
}

/** "The local backend" or "Daytona", as the error messages name it. */
export function backendDisplayName(backend: 'daytona' | 'local'): string {
  return backend === 'local' ? 'The local backend' : 'Daytona';
}
