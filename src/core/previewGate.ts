// The guard of `forge.maxConcurrentPreviews` that every "Preview this repo" passes (the VS Code layer's
// PreviewManager, and the reliability suite's load case): one preview per key at a time (a second is refused),
// at most `limit` set up at once (the others wait in order and are told their place). It counts what it did, so a
// figure about concurrency is the guard's own and not a test's.
import { Semaphore } from './concurrency';
import { ForgeError } from '../common/errors';

export interface GateCounts {
  /** Previews that got a slot (at once or after waiting). */
  admitted: number;
  /** Of those, the ones that had to wait for a slot first. */
  waited: number;
  /** Previews refused: the same key was already being set up. */
  refused: number;
  /** Previews that gave up while waiting (cancelled). */
  cancelled: number;
  /** The most previews holding a slot at the same time. */
  maxRunning: number;
}

export class PreviewGate {
  private readonly semaphore: Semaphore;
  private readonly keys = new Set<string>();
  readonly counts: GateCounts = { admitted: 0, waited: 0, refused: 0, cancelled: 0, maxRunning: 0 };

  constructor(limit: number) {
    this.semaphore = new Semaphore(limit);
  }

  get running(): number {
    return this.semaphore.running;
  }

  setLimit(limit: number): void {
    this.semaphore.setLimit(limit);
  }

  /** Claims `key` for one preview (`name` for the message); refused while a preview of it is being set up. */
  claim(key: string, name: string): () => void {
    if (this.keys.has(key)) {
      this.counts.refused++;
      throw new ForgeError('internal', `A preview of ${name} is already being set up.`, { hint: 'Wait for it to finish, or cancel it from its notification.' });
    }
    this.keys.add(key);
    return () => this.keys.delete(key);
  }

  /** A slot to set a preview up in; `onWait` tells the caller its place in line. Cancelled while waiting: "Cancelled.". */
  async slot(signal: AbortSignal | undefined, onWait: (position: number) => void): Promise<() => void> {
    let waited = false;
    const release = await this.semaphore
      .acquire(signal, (position) => {
        waited = true;
        onWait(position);
      })
      .catch(() => {
        this.counts.cancelled++;
        throw new ForgeError('cancelled', 'Cancelled.');
      });
    this.counts.admitted++;
    if (waited) this.counts.waited++;
    this.counts.maxRunning = Math.max(this.counts.maxRunning, this.semaphore.running);
    return release;
  }
}
