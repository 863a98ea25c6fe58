// Watches the ports a sandbox listens on (the toolbox's GET /port) while its preview is open: one list per
// interval, one at a time. The first list is the baseline; a port that appears later is "opened" (the caller
// asks the user once). No `vscode`: the timers are injected, so unit tests step it without waiting.

export interface PortWatchTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface PortWatchOptions {
  /** The ports the sandbox listens on, as the sandbox sees them. */
  readonly list: () => Promise<readonly number[]>;
  /** The listed ports changed (sorted); `opened` are the ones new since the baseline, in order. */
  readonly onChange: (ports: readonly number[], opened: readonly number[]) => void;
  readonly onError?: (error: unknown) => void;
  readonly intervalMs?: number;
  readonly timers?: PortWatchTimers;
}

const realTimers: PortWatchTimers = { set: (callback, ms) => setInterval(callback, ms), clear: (handle) => clearInterval(handle as NodeJS.Timeout) };

export class PortWatch {
  private current: readonly number[] | undefined;
  /** Every port seen so far: a port that closes and opens again is not "opened" a second time. */
  private readonly seen = new Set<number>();
  private running: Promise<void> | undefined;
  private readonly handle: unknown;
  private readonly timers: PortWatchTimers;
  private disposed = false;

  constructor(private readonly options: PortWatchOptions) {
    this.timers = options.timers ?? realTimers;
    this.handle = this.timers.set(() => void this.tick(), options.intervalMs ?? 5_000);
    void this.tick();
  }

  /** The ports listed last (empty before the first list). */
  get ports(): readonly number[] {
    return this.current ?? [];
  }

  /** One list; a list still running is not doubled. */
  tick(): Promise<void> {
    this.running ??= this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  dispose(): void {
    this.disposed = true;
    this.timers.clear(this.handle);
  }

  private async round(): Promise<void> {
    let listed: readonly number[];
    try {
      listed = [...new Set(await this.options.list())].sort((a, b) => a - b);
    } catch (error) {
      if (!this.disposed) this.options.onError?.(error);
      return;
    }
    if (this.disposed) return;
    const baseline = this.current === undefined;
    const opened = baseline ? [] : listed.filter((p) => !this.seen.has(p));
    for (const port of listed) this.seen.add(port);
    const changed = baseline || listed.length !== this.current?.length || listed.some((p, i) => p !== this.current?.[i]);
    this.current = listed;
    if (changed) this.options.onChange(listed, opened);
  }
}
