import type { Sandbox } from '../../daytona/port';
import { isTransient } from '../../daytona/errors';
import { sleep } from '../../common/cancel';
import type { Logger } from '../../common/logger';
import type { LogStream } from './lineBatcher';
import { logSocketTarget, streamLogSocket } from './logSocket';

export interface FollowOptions {
  readonly logger: Logger;
  /** Stops following (the command keeps running). */
  readonly signal: AbortSignal;
  /** Most reconnects after the stream drops while the command still runs. */
  readonly maxReconnects?: number;
  /**
   * Characters of each stream already delivered to this sink by an earlier follow of the same command; they are
   * skipped and the counts updated, so following again (after the setup, after a reconnect) repeats nothing.
   */
  readonly delivered?: Record<LogStream, number>;
}

/**
 * Streams a session command's output to `sink` while it runs, and resolves when the command has ended.
 * The server replays the whole log on each connection, so after a dropped stream the text already delivered
 * is skipped and only new output reaches the sink.
 */
export async function followCommandLogs(
  sandbox: Sandbox,
  sessionId: string,
  commandId: string,
  sink: (text: string, stream: LogStream) => void,
  options: FollowOptions,
): Promise<void> {
  const delivered: Record<LogStream, number> = options.delivered ?? { stdout: 0, stderr: 0 };
  const maxReconnects = options.maxReconnects ?? 20;
  for (let attempt = 0; !options.signal.aborted; attempt++) {
    const seen: Record<LogStream, number> = { stdout: 0, stderr: 0 };
    const onChunk = (stream: LogStream) => (chunk: string) => {
      if (options.signal.aborted) return;
      const start = seen[stream];
      seen[stream] += chunk.length;
      const skip = Math.max(0, delivered[stream] - start);
      if (skip >= chunk.length) return;
      const fresh = chunk.slice(skip);
      delivered[stream] += fresh.length;
      sink(fresh, stream);
    };
    let problem: string;
    try {
      const handlers = { stdout: onChunk('stdout'), stderr: onChunk('stderr') };
      const target = logSocketTarget(sandbox, sessionId, commandId);
      await (target
        ? streamLogSocket(target, (text, stream) => handlers[stream](text), options.signal)
        : raceAbort(sandbox.process.getSessionCommandLogs(sessionId, commandId, handlers.stdout, handlers.stderr), options.signal));
      // The SDK resolves on any close, an abruptly dropped connection included: only an ended command ends the follow.
      problem = 'the stream closed while the command still runs';
    } catch (error) {
      problem = describe(error);
    }
    if (options.signal.aborted || (await commandEnded(sandbox, sessionId, commandId))) return;
    if (attempt >= maxReconnects) {
      options.logger.warn(`Log stream for ${commandId} gave up after ${attempt} reconnects: ${problem}`);
      return;
    }
    options.logger.debug(`Log stream for ${commandId} dropped (${problem}); reconnecting`);
    await sleep(Math.min(5_000, 250 * 2 ** Math.min(attempt, 4)), options.signal).catch(() => undefined);
  }
}

async function commandEnded(sandbox: Sandbox, sessionId: string, commandId: string): Promise<boolean> {
  try {
    const command = await sandbox.process.getSessionCommand(sessionId, commandId);
    return command.exitCode !== undefined && command.exitCode !== null;
  } catch (error) {
    // A rate limit or a dropped connection says nothing about the command: keep following. Anything else (the
    // session or sandbox is gone) means nothing more will come.
    return !isTransient(error);
  }
}

function raceAbort(work: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
