import { Daytona } from '@daytonaio/sdk';
import { TRANSFER_TIMEOUT_MS, withLongTransfers } from './transfers';

/** Which backend to talk to and how. The API key is a secret: never log this object. */
export interface BackendConnection {
  readonly kind: 'daytona' | 'local';
  readonly apiUrl: string;
  readonly apiKey: string;
  readonly target?: string;
  /** Ceiling for one HTTP call; tests shorten it so a hung request fails in seconds. Default 120 s. */
  readonly requestTimeoutMs?: number;
  /** Ceiling for a clone, which moves a whole repository. Default 15 min. */
  readonly transferTimeoutMs?: number;
}

/** Ceiling for one HTTP call, so a hung request fails instead of hanging the pipeline (the SDK's default is 24 h). */
const REQUEST_TIMEOUT_MS = 120_000;

export function createDaytonaClient(connection: BackendConnection): Daytona {
  const client = new Daytona({
    apiKey: connection.apiKey,
    apiUrl: connection.apiUrl,
    ...(connection.target ? { target: connection.target } : {}),
    requestTimeoutMs: connection.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
    // The local backend answers mutating calls with their final state and has no Socket.IO gateway:
    // skip the event socket, whose reconnect attempts would only add noise.
    ...(connection.kind === 'local' ? { useDeprecatedPolling: true } : {}),
  });
  return withLongTransfers(client, connection.transferTimeoutMs ?? TRANSFER_TIMEOUT_MS);
}
