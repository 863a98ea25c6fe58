// The signed URL a panel shows, kept fresh: fetched on start, replaced at 80% of its life, the previous token
// revoked after each swap, and the last one revoked on dispose. No `vscode` here (timers are injected), so the
// whole lifecycle is unit-tested with a fake clock. Tokens and URLs never reach the log.
import type { Logger } from '../../common/logger';
import { refreshDelayMs, refreshDue, retryDelayMs } from './refreshTiming';
import type { PreviewSource, SignedPreviewUrl } from './types';

export type SignedUrlProvider = Pick<PreviewSource, 'signedUrl' | 'revoke'>;

export interface LeaseTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: LeaseTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface LeaseEvents {
  /** A new URL replaces the shown one (the first one too). */
  onSwap(signed: SignedPreviewUrl): void;
  /** A scheduled refresh failed; the lease retries on its own. */
  onRefreshFailed?(error: unknown, failures: number): void;
}

export class SignedUrlLease {
  private shown: SignedPreviewUrl | undefined;
  private shownIssuedAt = 0;
  private timer: unknown;
  private inFlight: Promise<void> | undefined;
  private failures = 0;
  private disposed = false;

  constructor(
    private readonly provider: SignedUrlProvider,
    private readonly events: LeaseEvents,
    private readonly logger: Logger,
    private readonly timers: LeaseTimers = realTimers,
  ) {}

  get current(): SignedPreviewUrl | undefined {
    return this.shown;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /** Fetches a new URL now and swaps it in. Rejects when the source fails (a retry is scheduled all the same). */
  refresh(): Promise<void> {
    this.inFlight ??= this.swap().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /**
   * Refreshes now when the shown URL is past its refresh point or expired, and says whether it did. Timers do not
   * run while the machine sleeps (and fire late after it wakes), so focus and wake call this.
   */
  async refreshIfDue(): Promise<boolean> {
    const shown = this.shown;
    if (this.disposed || shown === undefined || !refreshDue(this.shownIssuedAt, shown.expiresAt, this.timers.now())) return false;
    await this.refresh();
    return true;
  }

  /** Stops refreshing and revokes the shown token. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.cancelTimer();
    const last = this.shown;
    this.shown = undefined;
    await this.inFlight?.catch(() => undefined); // a URL arriving now is revoked by swap()
    if (last) await this.revokeQuietly(last.token);
  }

  private async swap(): Promise<void> {
    this.cancelTimer();
    let next: SignedPreviewUrl;
    try {
      next = await this.provider.signedUrl();
    } catch (error) {
      this.failures += 1;
      if (!this.disposed) {
        this.schedule(retryDelayMs(this.failures, this.timers.now(), this.shown?.expiresAt));
        this.events.onRefreshFailed?.(error, this.failures);
      }
      throw error;
    }
    if (this.disposed) {
      await this.revokeQuietly(next.token);
      return;
    }
    this.failures = 0;
    const previous = this.shown;
    this.shown = next;
    const issuedAt = this.timers.now();
    this.shownIssuedAt = issuedAt;
    this.events.onSwap(next);
    // The frame has been told to leave the old URL; only then is its token worthless to us.
    if (previous && previous.token !== next.token) await this.revokeQuietly(previous.token);
    if (!this.disposed && this.shown === next) this.schedule(refreshDelayMs(issuedAt, next.expiresAt, this.timers.now()));
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.refresh().catch((error: unknown) => this.logger.warn(`Preview link refresh failed (attempt ${this.failures}): ${describe(error)}`));
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async revokeQuietly(token: string): Promise<void> {
    try {
      await this.provider.revoke(token);
    } catch (error) {
      // The token expires on its own; failing to revoke early is worth a line in the log, not a dialog.
      this.logger.warn(`Could not revoke an old preview link: ${describe(error).split(token).join('•••')}`);
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
