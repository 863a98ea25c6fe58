// When the frame's signed link has expired. On Daytona an expired link is a 307 to its login page, another origin,
// which the panel's frame-src refuses: the frame goes blank. So the page watches the expiry itself (and the CSP
// violation, media/panelTools/expiredLink.ts) and covers the frame with "Reload preview". No DOM: unit-tested.

export interface ExpiryTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** setTimeout's ceiling; a longer wait is re-armed when it fires. */
const MAX_WAIT_MS = 2_147_483_647;

export type ExpiredReason = 'expired' | 'left-origin';

export function expiredLinkText(reason: ExpiredReason): string {
  return reason === 'expired'
    ? 'The preview link expired, so the page cannot load here.'
    : 'The preview went to a page outside its address (an expired link redirects to a sign-in page), which the panel cannot show.';
}

export class LinkExpiry {
  private expiresAt: number | undefined;
  private timer: unknown;

  constructor(
    private readonly onExpired: (reason: ExpiredReason) => void,
    private readonly timers: ExpiryTimers,
  ) {}

  /** A new link is shown: wait for its expiry. */
  watch(expiresAt: number): void {
    this.expiresAt = expiresAt;
    this.arm();
  }

  /** Looks at the clock now (the page became visible, a timer fired late after sleep): true when expired. */
  check(): boolean {
    if (this.expiresAt === undefined || this.timers.now() < this.expiresAt) return false;
    this.cancel();
    this.expiresAt = undefined;
    this.onExpired('expired');
    return true;
  }

  dispose(): void {
    this.cancel();
    this.expiresAt = undefined;
  }

  private arm(): void {
    this.cancel();
    if (this.check() || this.expiresAt === undefined) return;
    const wait = Math.min(MAX_WAIT_MS, this.expiresAt - this.timers.now());
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.arm();
    }, wait);
  }

  private cancel(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
