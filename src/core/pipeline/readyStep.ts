import type { Sandbox } from '../../daytona/port';
import { isTransient, retryAfterMs } from '../../daytona/errors';
import { sleep, throwIfCancelled } from '../../common/cancel';
import { withRetry } from '../retry';
import type { LogTail } from '../logs/tail';
import { ForgeError } from '../../common/errors';
import { previewStatus } from '../previewRequest';
import { DIAGNOSE_LINES, diagnose } from './diagnose';
import type { DevServerHandle } from './devServerStep';

export interface ReadyInput {
  readonly sandbox: Sandbox;
  readonly port: number;
  readonly devServer: DevServerHandle;
  readonly timeoutSeconds: number;
  readonly tail: Pick<LogTail, 'last'>;
  readonly signal: AbortSignal;
}

const POLL_MS = 250;
const EXIT_CHECK_MS = 1_000;
/** Lines an error shows; diagnosis reads more. */
const SHOWN_LINES = 20;

/**
 * Polls the preview URL until the dev server answers (no fixed sleep). Fails early, with the last log lines and a
 * hint, when the dev process exits; fails at the deadline when the port never opens.
 */
export async function waitUntilReady(input: ReadyInput): Promise<{ status: number }> {
  const { sandbox, port, devServer } = input;
  // Backend calls here are retried when transient: one 503 must not fail a preview whose dev server is fine.
  const again = <T>(work: () => Promise<T>): Promise<T> => withRetry(work, { signal: input.signal, isTransient, serverDelayMs: retryAfterMs });
  const link = await again(() => sandbox.getPreviewLink(port));
  const deadline = Date.now() + input.timeoutSeconds * 1000;
  let nextExitCheck = 0;
  for (;;) {
    throwIfCancelled(input.signal);
    const status = await probe(link.url, link.token, input.signal);
    if (status !== undefined) return { status };
    if (Date.now() >= nextExitCheck) {
      nextExitCheck = Date.now() + EXIT_CHECK_MS;
      const command = await again(() => sandbox.process.getSessionCommand(devServer.sessionId, devServer.commandId));
      if (command.exitCode !== undefined && command.exitCode !== null) {
        throw new ForgeError('dev-server-exited', `The dev server exited (code ${command.exitCode}) before it answered on port ${port}.`, {
          hint: diagnose(input.tail.last(DIAGNOSE_LINES), port) ?? 'Its last lines are in the dev server log.',
          logTail: input.tail.last(SHOWN_LINES),
        });
      }
    }
    if (Date.now() >= deadline) {
      throw new ForgeError('port-never-opened', `The dev server did not answer on port ${port} within ${input.timeoutSeconds} seconds.`, {
        hint: diagnose(input.tail.last(DIAGNOSE_LINES), port) ?? `Check that it listens on 0.0.0.0:${port} (setting forge.port), or raise forge.readyTimeoutSeconds.`,
        logTail: input.tail.last(SHOWN_LINES),
      });
    }
    await sleep(POLL_MS, input.signal);
  }
}

/** The HTTP status when something answers on the port, undefined while the proxy cannot reach it. */
async function probe(url: string, token: string, signal: AbortSignal): Promise<number | undefined> {
  const status = await previewStatus(url, token, signal);
  return status === 502 || status === 503 || status === 504 ? undefined : status;
}
