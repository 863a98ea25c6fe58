// Notices that the machine slept: a short interval timer that sees the wall clock jump. Node's timers count only
// awake time, so a refresh scheduled for 19 h later fires hours after the link expired on a laptop that slept;
// this tells the lease to look again at once. No `vscode` here: unit-tested with a fake clock.

export interface WakeTimers {
  now(): number;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const realWakeTimers: WakeTimers = {
  now: () => Date.now(),
  setInterval: (callback, ms) => {
    const handle = setInterval(callback, ms);
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/** How often the clock is read. */
export const WAKE_TICK_MS = 30_000;
/** A tick this much later than due means the process was not running (sleep, a suspended VM), not a busy loop. */
export const WAKE_SLACK_MS = 60_000;

export class WakeWatch {
  private last: number;
  private readonly handle: unknown;

  constructor(
    private readonly onWake: (sleptMs: number) => void,
    private readonly timers: WakeTimers = realWakeTimers,
  ) {
    this.last = timers.now();
    this.handle = timers.setInterval(() => this.tick(), WAKE_TICK_MS);
  }

  dispose(): void {
    this.timers.clearInterval(this.handle);
  }

  private tick(): void {
    const now = this.timers.now();
    const gap = now - this.last;
    this.last = now;
    if (gap > WAKE_TICK_MS + WAKE_SLACK_MS) this.onWake(gap);
  }
}
