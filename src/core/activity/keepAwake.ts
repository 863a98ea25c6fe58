// Awake while watched: while the user looks at a preview, its sandbox must not auto-stop under them. Every
// interval this refreshes the activity of each watched sandbox (the SDK's refreshActivity); once nothing
// watches it, Daytona's auto-stop interval counts again. No `vscode`: the panel layer says what is watched.
export interface Watched {
  readonly sandboxId: string;
  /** Resets the sandbox's idle countdown (`sandbox.refreshActivity()`). */
  refresh(): Promise<void>;
}

export interface KeepAwakeTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface KeepAwakeOptions {
  /** The sandboxes watched right now (visible preview panels). */
  readonly watched: () => readonly Watched[];
  /** Well under Daytona's smallest auto-stop interval (1 minute). */
  readonly intervalMs?: number;
  readonly timers?: KeepAwakeTimers;
  readonly onError?: (sandboxId: string, error: unknown) => void;
}

const realTimers: KeepAwakeTimers = { set: (callback, ms) => setInterval(callback, ms).unref(), clear: (handle) => clearInterval(handle as NodeJS.Timeout) };

export class KeepAwake {
  private readonly handle: unknown;
  private readonly timers: KeepAwakeTimers;
  private running: Promise<void> | undefined;

  constructor(private readonly options: KeepAwakeOptions) {
    this.timers = options.timers ?? realTimers;
    this.handle = this.timers.set(() => void this.tick(), options.intervalMs ?? 20_000);
  }

  /** One round of refreshes; a round still running is not doubled. */
  tick(): Promise<void> {
    this.running ??= this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  dispose(): void {
    this.timers.clear(this.handle);
  }

  private async round(): Promise<void> {
    await Promise.all(
      this.options.watched().map((w) =>
        w.refresh().catch((error: unknown) => {
          this.options.onError?.(w.sandboxId, error);
        }),
      ),
    );
  }
}
