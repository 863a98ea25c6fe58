// Daytona's transitional states, made observable: on the real server stop, archive and start return at
// once and a list shows `stopping` / `archiving` / `starting` until the runner is done
// (apps/api/src/sandbox/services/sandbox.service.ts, v0.190). With `transitionMs` > 0 the local backend
// holds a sandbox in that state for that long; 0 finishes before the call returns.
import type { LocalSandboxState } from './store/sandboxRecord';

export type TransitionalState = 'stopping' | 'archiving' | 'starting';

/** Where each transitional state ends (Daytona's `desiredState` while it lasts). */
export const TRANSITION_TARGET: Readonly<Record<TransitionalState, LocalSandboxState>> = {
  stopping: 'stopped',
  archiving: 'archived',
  starting: 'started',
};

export function isTransitionalState(state: string): state is TransitionalState {
  return state === 'stopping' || state === 'archiving' || state === 'starting';
}

/** Daytona's `desiredState` for a record's state. */
export function desiredStateOf(state: LocalSandboxState): LocalSandboxState {
  return isTransitionalState(state) ? TRANSITION_TARGET[state] : state;
}

/** Timers that finish transitions later; cleared when the server closes (a restart settles what was left). */
export class TransitionTimers {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(readonly delayMs: number) {}

  /** Runs `finish` after the delay (or now, with no delay). */
  async schedule(finish: () => Promise<void>): Promise<void> {
    if (this.delayMs <= 0) {
      await finish();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void finish().catch(() => undefined);
    }, this.delayMs);
    this.timers.add(timer);
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
