// Who watches a preview's dev-server log: its Output channel or its preview panel, while visible. On Daytona's cloud
// an open log stream refreshes the sandbox's activity every 50 s (apps/proxy/pkg/proxy/get_sandbox_target.go) unless
// it sends the skip header; Forge's own socket sends it, the SDK's stream (the fallback) cannot. So the log is followed
// only while someone watches and a short grace after (a tab switch does not reconnect): an idle window holds no
// stream open all night. A visible panel keeps the sandbox awake anyway (its frame's requests), on purpose. No
// `vscode` here: unit-tested with a fake timer (logWatchers.ts feeds it VS Code's events).

export interface WatchTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realWatchTimers: WatchTimers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** How long the log is still followed once nobody watches. */
export const WATCH_GRACE_MS = 30_000;

/** Where someone may watch from. */
export type WatchSource = 'output' | 'panel';

export class LogWatch {
  private readonly visible = new Set<WatchSource>();
  private following: boolean;
  private grace: unknown;
  private disposed = false;

  /**
   * `follow(true)` when the log should be followed, `follow(false)` when it should not; called only on a change.
   * It starts followed: a new preview has just been set up, so the grace runs until a watcher reports.
   */
  constructor(
    private readonly follow: (following: boolean) => void,
    private readonly timers: WatchTimers = realWatchTimers,
    private readonly graceMs = WATCH_GRACE_MS,
  ) {
    this.following = true;
    this.startGrace();
  }

  get isFollowing(): boolean {
    return this.following;
  }

  setVisible(source: WatchSource, visible: boolean): void {
    if (this.disposed) return;
    if (visible) this.visible.add(source);
    else this.visible.delete(source);
    if (this.visible.size > 0) {
      this.cancelGrace();
      this.set(true);
    } else if (this.following && this.grace === undefined) {
      this.startGrace();
    }
  }

  dispose(): void {
    this.disposed = true;
    this.cancelGrace();
  }

  private startGrace(): void {
    this.grace = this.timers.setTimeout(() => {
      this.grace = undefined;
      if (this.visible.size === 0) this.set(false);
    }, this.graceMs);
  }

  private cancelGrace(): void {
    if (this.grace === undefined) return;
    this.timers.clearTimeout(this.grace);
    this.grace = undefined;
  }

  private set(following: boolean): void {
    if (following === this.following) return;
    this.following = following;
    this.follow(following);
  }
}
