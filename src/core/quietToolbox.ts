// Toolbox reads that are not the user's activity (health checks): sent with Daytona's skip-activity header,
// which the SDK's own methods cannot add per call. Built from the SDK's toolbox client, like the log socket.
import type { Sandbox } from '../daytona/port';
import { SKIP_ACTIVITY } from './logs/logSocket';

interface ToolboxClientConfig {
  readonly basePath?: unknown;
  readonly baseOptions?: { readonly headers?: unknown };
}

/** Whether the session command still runs, read without refreshing the sandbox's activity. */
export async function commandRunning(sandbox: Sandbox, sessionId: string, commandId: string): Promise<boolean> {
  const config = (sandbox.process as unknown as { clientConfig?: ToolboxClientConfig }).clientConfig;
  const base = config?.basePath;
  const headers = config?.baseOptions?.headers;
  if (typeof base !== 'string' || typeof headers !== 'object' || headers === null) {
    // SDK internals differ from 0.218.0: the SDK's call (which counts as activity) is better than no answer.
    const command = await sandbox.process.getSessionCommand(sessionId, commandId).catch(() => undefined);
    return command !== undefined && (command.exitCode === undefined || command.exitCode === null);
  }
  const stringHeaders = Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
  try {
    const response = await fetch(`${base}/process/session/${encodeURIComponent(sessionId)}/command/${encodeURIComponent(commandId)}`, {
      headers: { ...stringHeaders, ...SKIP_ACTIVITY },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return false;
    const command = (await response.json()) as { exitCode?: number | null };
    return command.exitCode === undefined || command.exitCode === null;
  } catch {
    return false;
  }
}
