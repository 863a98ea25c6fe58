/** A counting semaphore: at most `limit` holders at once; others wait in order. */
export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(private limit: number) {}

  /** A new limit for the holders to come (a setting changed): those holding a slot keep it; freed room lets waiters in. */
  setLimit(limit: number): void {
    this.limit = limit;
    while (this.active < this.limit && this.waiters.length > 0) this.waiters.shift()?.();
  }

  get running(): number {
    return this.active;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * Resolves with a release function once a slot is free. `onWait` is called when the caller has to wait,
   * so the UI can say so. Aborting the signal while waiting rejects with the signal's reason.
   */
  acquire(signal?: AbortSignal, onWait?: (position: number) => void): Promise<() => void> {
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    onWait?.(this.waiters.length + 1);
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        resolve(this.releaser());
      };
      const onAbort = (): void => {
        const index = this.waiters.indexOf(grant);
        if (index !== -1) this.waiters.splice(index, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(grant);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      // After a lowered limit, a release may leave no room yet.
      if (this.active < this.limit) this.waiters.shift()?.();
    };
  }
}
