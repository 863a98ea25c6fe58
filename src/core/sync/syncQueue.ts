import type { Sandbox } from '../../daytona/port';
import { isTransient, retryAfterMs } from '../../daytona/errors';
import { withRetry } from '../retry';
import { BatchTimeout, withDeadline } from './deadline';
import { isCancellation } from '../../common/cancel';
import type { Logger } from '../../common/logger';
import { isManifestPath, type FileEvent, type SyncState } from './events';
import { ReinstallRunner } from './reinstallRunner';
import { fingerprint, resolveBatch, sendBatch, type PathAction } from './sendBatch';
import { neverReason, type SyncFilter } from './syncFilter';

export interface SyncQueueOptions {
  readonly sandbox: Sandbox;
  /** The local repository root; event paths are relative to it. */
  readonly localRoot: string;
  /** Where the repository lives in the sandbox (`Preview.info.repoPath`). */
  readonly repoPath: string;
  readonly filter: SyncFilter;
  readonly logger: Logger;
  /** Quiet time before a batch leaves (default 60 ms); a steady stream of events still flushes every 4× that. */
  readonly debounceMs?: number;
  /** Attempts after the first for transient failures (default 3), starting `retryDelayMs` apart (default 250). */
  readonly retries?: number;
  readonly retryDelayMs?: number;
  /** A batch that has not finished after this long (default 60 s) counts as a transient failure: a hung request must not stop syncing. */
  readonly batchTimeoutMs?: number;
  readonly onState?: (state: SyncState) => void;
  /** After each batch reached the sandbox (the CLI logs it). */
  readonly onBatch?: (batch: { readonly uploaded: readonly string[]; readonly deleted: readonly string[]; readonly ms: number }) => void;
  /** A package manifest or lockfile changed: reinstall and restart the dev server. Runs one at a time. */
  readonly onManifestChange?: (paths: readonly string[], signal: AbortSignal) => Promise<void>;
}

/**
 * Sends working-tree changes to a sandbox: events are coalesced per path (the latest wins), debounced, and sent in
 * batches, one batch at a time, so two syncs of the same file never interleave. Transient failures are retried; a
 * batch that still fails leaves the state out-of-sync (with the reason) and its paths queued for the next batch.
 */
export class SyncQueue {
  private readonly pending = new Map<string, PathAction>();
  private readonly failed = new Map<string, PathAction>();
  /**
   * What each path looked like (size, mtime, inode) when it last reached the sandbox: an editor save arrives twice
   * (the save event at once, the file watcher later), and the second must not upload the same bytes again.
   */
  private readonly sent = new Map<string, string>();
  private readonly abort = new AbortController();
  private readonly reinstall: ReinstallRunner | undefined;
  private timer: NodeJS.Timeout | undefined;
  private firstPendingAt = 0;
  private draining: Promise<void> | undefined;
  private lastError: string | undefined;
  private reported: SyncState | undefined;
  private waiters: (() => void)[] = [];

  constructor(private readonly options: SyncQueueOptions) {
    const onManifestChange = options.onManifestChange;
    this.reinstall = onManifestChange && new ReinstallRunner((paths) => onManifestChange(paths, this.abort.signal), () => this.changed(), options.logger);
  }

  /** The current state (also reported through `onState` whenever it changes). */
  get state(): SyncState {
    if (this.pending.size > 0 || this.draining) return { phase: 'syncing' };
    if (this.reinstall?.busy) return { phase: 'syncing', reason: 'reinstalling dependencies' };
    if (this.failed.size > 0) return { phase: 'out-of-sync', reason: this.lastError ?? 'some changes could not be sent' };
    const reason = this.reinstall?.error;
    return reason ? { phase: 'out-of-sync', reason } : { phase: 'synced' };
  }

  push(...all: readonly FileEvent[]): void {
    // Git's own bookkeeping and dependency folders change all the time: dropped here, they never flash "syncing".
    const events = all.filter((event) => neverReason(event.path) === undefined || (event.kind === 'renamed' && neverReason(event.from) === undefined));
    if (this.abort.signal.aborted || events.length === 0) return;
    if (this.pending.size === 0) this.firstPendingAt = Date.now();
    for (const event of events) {
      if (event.kind === 'renamed') {
        this.pending.set(event.from, 'delete');
        this.pending.set(event.path, 'upload');
      } else this.pending.set(event.path, event.kind === 'deleted' ? 'delete' : 'upload');
    }
    this.changed();
    this.schedule();
  }

  /**
   * Queues `events` and sends them on the next turn (no debounce): for a change known to be whole, such as an editor
   * save. Whatever else is queued goes with it.
   */
  pushNow(...events: readonly FileEvent[]): void {
    this.push(...events);
    if (this.pending.size === 0) return;
    this.drainIn(0);
  }

  /**
   * Sends `events` at once (no debounce), whether or not they reached the sandbox before, and resolves when
   * everything queued has been tried.
   */
  async flushNow(...events: readonly FileEvent[]): Promise<SyncState> {
    this.sent.clear();
    this.push(...events);
    clearTimeout(this.timer);
    this.timer = undefined;
    this.drain();
    await this.idle();
    return this.state;
  }

  /** Resolves when nothing is queued, sending or reinstalling. */
  idle(): Promise<void> {
    if (this.state.phase !== 'syncing' || this.abort.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  dispose(): void {
    this.abort.abort();
    clearTimeout(this.timer);
    this.pending.clear();
    this.changed();
  }

  private schedule(): void {
    const debounce = this.options.debounceMs ?? 60;
    this.drainIn(Math.max(0, Math.min(debounce, this.firstPendingAt + debounce * 4 - Date.now())));
  }

  /** The one pending batch timer: sends what is queued after `delay` ms (replacing an earlier timer). */
  private drainIn(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, delay);
  }

  private drain(): void {
    if (this.draining || this.pending.size === 0) return;
    // `.finally` always runs later than this assignment, so `draining` cannot be left set by a loop that ended at once.
    this.draining = this.sendPending().finally(() => {
      this.draining = undefined;
      this.changed();
    });
  }

  private async sendPending(): Promise<void> {
    while (this.pending.size > 0 && !this.abort.signal.aborted) {
      const fresh = new Map(this.pending);
      this.pending.clear();
      // Paths that failed before are tried again in a batch of their own (a newer event for the same path wins), so
      // one file the sandbox keeps refusing cannot hold back every later save.
      const again = new Map([...this.failed].filter(([relative]) => !fresh.has(relative)));
      this.failed.clear();
      await this.runBatch(fresh);
      if (again.size > 0) await this.runBatch(again);
    }
  }

  private async runBatch(actions: ReadonlyMap<string, PathAction>): Promise<void> {
    const { sandbox, localRoot, repoPath, logger } = this.options;
    const started = performance.now();
    const signal = this.abort.signal;
    try {
      const resolved = await resolveBatch(localRoot, actions, this.options.filter);
      for (const skip of resolved.skipped) logger.debug(`Not syncing ${skip.path}: ${skip.reason}`);
      // A folder's files were not looked at one by one yet; the others were, by resolveBatch.
      const fingerprints = await Promise.all(resolved.uploads.map(async (relative) => resolved.fingerprints.get(relative) ?? (await fingerprint(localRoot, relative))));
      const batch = { ...resolved, uploads: resolved.uploads.filter((relative, i) => fingerprints[i] === undefined || this.sent.get(relative) !== fingerprints[i]) };
      if (batch.uploads.length + batch.deletes.length === 0) return;
      const deadlineMs = this.options.batchTimeoutMs ?? 60_000;
      await withRetry(() => withDeadline(sendBatch(sandbox, localRoot, repoPath, batch, signal, logger), deadlineMs), {
        signal,
        retries: this.options.retries ?? 3,
        baseDelayMs: this.options.retryDelayMs ?? 250,
        maxDelayMs: 4_000,
        isTransient: (error) => isTransient(error) || error instanceof BatchTimeout,
        serverDelayMs: retryAfterMs,
        onRetry: (error, attempt) => logger.warn(`Sync to the sandbox failed, retrying (attempt ${attempt + 1}): ${message(error)}`),
      });
      // Every resolved upload now matches its fingerprint in the sandbox (the unchanged ones already did).
      resolved.uploads.forEach((relative, i) => {
        const print = fingerprints[i];
        if (print !== undefined) this.sent.set(relative, print);
      });
      for (const relative of batch.deletes) this.sent.delete(relative);
      this.options.onBatch?.({ uploaded: batch.uploads, deleted: batch.deletes, ms: Math.round(performance.now() - started) });
      const manifests = [...batch.uploads, ...batch.deletes].filter(isManifestPath);
      if (manifests.length > 0) this.reinstall?.request(manifests);
    } catch (error) {
      if (isCancellation(error) || signal.aborted) return;
      for (const [relative, action] of actions) if (!this.pending.has(relative)) this.failed.set(relative, action);
      // When every path has a newer event queued, the next batch decides.
      if (this.failed.size === 0) return;
      this.lastError = `Could not send ${actions.size} file change${actions.size === 1 ? '' : 's'} to the sandbox: ${message(error)}`;
      logger.warn(this.lastError);
    }
  }

  private changed(): void {
    const state = this.state;
    if (this.reported?.phase !== state.phase || this.reported.reason !== state.reason) {
      this.reported = state;
      this.options.onState?.(state);
    }
    if (state.phase !== 'syncing' || this.abort.signal.aborted) {
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
