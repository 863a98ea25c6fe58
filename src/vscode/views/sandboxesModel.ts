// The Sandboxes view's model: the last list, refreshed with one list walk at a time (concurrent requests
// coalesce), polled slowly while the view is visible and fast while a sandbox is in a transitional state.
// No `vscode` import: the tree provider listens to onDidChange; unit tests and the bench drive it directly.
import type { SandboxSummary } from '../../core/connect';
import { sandboxLabel } from './sandboxPresentation';
import { isTransitional } from './sandboxState';

export type ListResult = { readonly kind: 'list'; readonly sandboxes: readonly SandboxSummary[] } | { readonly kind: 'no-api-key' };

export type ModelState =
  | { readonly kind: 'unloaded' }
  | { readonly kind: 'no-api-key' }
  | { readonly kind: 'loaded'; readonly sandboxes: readonly SandboxSummary[] }
  | { readonly kind: 'failed'; readonly message: string };

/** `structural`: the set or order of nodes changed (refresh the root); else only `changedIds` need a redraw. */
export interface ModelChange {
  readonly structural: boolean;
  readonly changedIds: readonly string[];
}

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface SandboxesModelOptions {
  /** One list walk. Throws when listing fails; the model turns that into the `failed` state. */
  readonly fetch: () => Promise<ListResult>;
  /** A one-line, secret-free message for a listing failure. */
  readonly describeError: (error: unknown) => string;
  readonly timers?: Timers;
  readonly slowPollMs?: number;
  readonly fastPollMs?: number;
}

const realTimers: Timers = { set: (callback, ms) => setTimeout(callback, ms), clear: (handle) => clearTimeout(handle as NodeJS.Timeout) };

export class SandboxesModel {
  private current: ModelState = { kind: 'unloaded' };
  private readonly pending = new Map<string, string>();
  private readonly listeners = new Set<(change: ModelChange) => void>();
  private inFlight: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private stale = false;
  private visible = false;
  private timer: unknown;
  private disposed = false;
  private readonly timers: Timers;

  constructor(private readonly options: SandboxesModelOptions) {
    this.timers = options.timers ?? realTimers;
  }

  onDidChange(listener: (change: ModelChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The state with in-progress actions applied (a sandbox being stopped shows `stopping`). */
  state(): ModelState {
    if (this.current.kind !== 'loaded' || this.pending.size === 0) return this.current;
    return { kind: 'loaded', sandboxes: this.current.sandboxes.map((s) => this.withPending(s)) };
  }

  sandboxes(): readonly SandboxSummary[] {
    const state = this.state();
    return state.kind === 'loaded' ? state.sandboxes : [];
  }

  find(id: string): SandboxSummary | undefined {
    return this.sandboxes().find((s) => s.id === id);
  }

  /** Lists again. Requests made while a list is running share one follow-up list (never more than one queued). */
  refresh(): Promise<void> {
    if (this.inFlight) {
      this.queued ??= this.inFlight.then(() => {
        this.queued = undefined;
        return this.refresh();
      });
      return this.queued;
    }
    this.stale = false;
    this.inFlight = this.load().finally(() => {
      this.inFlight = undefined;
      this.schedule();
    });
    return this.inFlight;
  }

  /** Waits for a list that is at least as new as the last invalidation; lists only when needed. */
  ensureLoaded(): Promise<void> {
    if (this.queued) return this.queued;
    if (this.inFlight) return this.inFlight;
    if (this.current.kind === 'unloaded' || this.stale) return this.refresh();
    return Promise.resolve();
  }

  /** Something outside changed (backend, API key, setting): list now if visible, else on next show. */
  invalidate(): void {
    this.stale = true;
    if (this.visible) void this.refresh();
  }

  setVisible(visible: boolean): void {
    this.visible = visible;
    if (visible) void this.ensureLoaded();
    this.schedule();
  }

  /** Shows `state` for these sandboxes until clearPending (while an action runs). */
  markPending(ids: readonly string[], state: string): void {
    const before = this.state();
    for (const id of ids) this.pending.set(id, state);
    this.publish(before);
  }

  clearPending(ids: readonly string[]): void {
    const before = this.state();
    for (const id of ids) this.pending.delete(id);
    this.publish(before);
  }

  dispose(): void {
    this.disposed = true;
    this.clearTimer();
    this.listeners.clear();
  }

  private async load(): Promise<void> {
    let next: ModelState;
    try {
      const result = await this.options.fetch();
      next = result.kind === 'no-api-key' ? result : { kind: 'loaded', sandboxes: sortForDisplay(result.sandboxes) };
    } catch (error) {
      next = { kind: 'failed', message: this.options.describeError(error) };
    }
    if (this.disposed) return;
    const before = this.state();
    this.current = next;
    this.publish(before);
  }

  private publish(before: ModelState): void {
    const change = diff(before, this.state());
    if (change) for (const listener of [...this.listeners]) listener(change);
  }

  private schedule(): void {
    this.clearTimer();
    if (!this.visible || this.disposed) return;
    const fast = this.current.kind === 'loaded' && this.current.sandboxes.some((s) => isTransitional(s.state));
    const ms = fast ? (this.options.fastPollMs ?? 2_000) : (this.options.slowPollMs ?? 30_000);
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      void this.refresh();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }

  private withPending(sandbox: SandboxSummary): SandboxSummary {
    const state = this.pending.get(sandbox.id);
    return state === undefined ? sandbox : { ...sandbox, state };
  }
}

/** Forge's sandboxes first, then the rest, each by label: stable, so a state change never moves a node. */
export function sortForDisplay(sandboxes: readonly SandboxSummary[]): SandboxSummary[] {
  return [...sandboxes].sort((a, b) => Number(b.isForge) - Number(a.isForge) || sandboxLabel(a).localeCompare(sandboxLabel(b)) || a.id.localeCompare(b.id));
}

export function diff(before: ModelState, after: ModelState): ModelChange | undefined {
  if (before.kind !== after.kind) return { structural: true, changedIds: [] };
  if (before.kind === 'failed' && after.kind === 'failed') return before.message === after.message ? undefined : { structural: true, changedIds: [] };
  if (before.kind !== 'loaded' || after.kind !== 'loaded') return undefined;
  const sameOrder = before.sandboxes.length === after.sandboxes.length && before.sandboxes.every((s, i) => s.id === after.sandboxes[i]?.id);
  if (!sameOrder) return { structural: true, changedIds: [] };
  const changedIds = after.sandboxes.filter((s, i) => JSON.stringify(s) !== JSON.stringify(before.sandboxes[i])).map((s) => s.id);
  return changedIds.length > 0 ? { structural: false, changedIds } : undefined;
}
