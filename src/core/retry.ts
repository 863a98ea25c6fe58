import { throwIfCancelled, sleep } from '../common/cancel';

export interface RetryOptions {
  readonly signal: AbortSignal;
  /** Attempts after the first one. */
  readonly retries?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly isTransient: (error: unknown) => boolean;
  /** A delay the server asked for (Retry-After), which wins over the backoff when present. */
  readonly serverDelayMs?: (error: unknown) => number | undefined;
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** Runs `work`, retrying transient failures with exponential backoff and jitter. Cancellation stops the waiting at once. */
export async function withRetry<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  const retries = options.retries ?? 4;
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 8_000;
  for (let attempt = 0; ; attempt++) {
    throwIfCancelled(options.signal);
    try {
      return await work();
    } catch (error) {
      if (attempt >= retries || !options.isTransient(error)) throw error;
      const backoff = Math.min(max, base * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      const delay = Math.min(30_000, options.serverDelayMs?.(error) ?? backoff);
      options.onRetry?.(error, attempt + 1, delay);
      await sleep(delay, options.signal);
    }
  }
}
