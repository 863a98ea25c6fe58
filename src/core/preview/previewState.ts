// Where one preview stands, as one state machine that the panel, the status bar, the tree and the health check
// all read. Pure: no `vscode`, no I/O, so every transition is unit-tested.
//
// The rule that matters: a preview is `ready` only after its port answered. Every action that replaces the dev
// server (restart, pull, reinstall, resync, a start after a stop) moves to a waiting state with a new attempt
// number, and only the `answered` event of that same attempt leads to `ready`: a late answer from an earlier
// attempt, or the old dev server's exit, cannot make the preview look alive or dead when it is neither.

/** The states a preview can be in. `attempt` numbers the waits, so a stale answer is recognised. */
export type PreviewState =
  | { readonly kind: 'setting-up'; readonly attempt: number; readonly detail?: string }
  | { readonly kind: 'ready'; readonly detail?: string }
  | { readonly kind: 'restarting'; readonly attempt: number; readonly detail: string }
  | { readonly kind: 'starting'; readonly attempt: number; readonly detail: string }
  | { readonly kind: 'stopped'; readonly reason: string }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'failed'; readonly cause: string };

export type PreviewStateKind = PreviewState['kind'];

export const PREVIEW_STATE_KINDS: readonly PreviewStateKind[] = ['setting-up', 'ready', 'restarting', 'starting', 'stopped', 'deleted', 'failed'];

export type PreviewEvent =
  /** "Preview this repo" (again) runs its pipeline. */
  | { readonly type: 'setup'; readonly detail?: string }
  /** The dev server is being replaced in a live sandbox (restart, pull, reinstall, resync). */
  | { readonly type: 'restart'; readonly detail: string }
  /** A stopped sandbox is started again, or a preview is reconnected after a reload. */
  | { readonly type: 'start'; readonly detail: string }
  /** Progress inside a waiting state ("Installing dependencies"). */
  | { readonly type: 'progress'; readonly detail: string }
  /** The port of `attempt` answered over HTTP (not 502/503/504). */
  | { readonly type: 'answered'; readonly attempt: number; readonly detail?: string }
  /** The dev server process ended by itself. Expected (and ignored) while it is being replaced. */
  | { readonly type: 'exited'; readonly reason: string }
  /** The sandbox was stopped (by the user, auto-stop, or a panel close). */
  | { readonly type: 'stopped'; readonly reason: string }
  /** The sandbox was deleted or archived. */
  | { readonly type: 'deleted' }
  /** An action failed; `attempt` (when given) must be the current one, so an old failure does not win. */
  | { readonly type: 'failed'; readonly cause: string; readonly attempt?: number };

const WAITING = new Set<PreviewStateKind>(['setting-up', 'restarting', 'starting']);

export function initialPreviewState(): PreviewState {
  return { kind: 'setting-up', attempt: 1 };
}

/** Whether the preview waits for its dev server to answer (the panel covers the frame and says why). */
export function isWaiting(state: PreviewState): state is Extract<PreviewState, { attempt: number }> {
  return WAITING.has(state.kind);
}

/** The attempt a waiting state waits for, or undefined. */
export function attemptOf(state: PreviewState): number | undefined {
  return isWaiting(state) ? state.attempt : undefined;
}

/** The next state; events that make no sense in `state` leave it as it is (the same object). */
export function transition(state: PreviewState, event: PreviewEvent, nextAttempt: number): PreviewState {
  if (state.kind === 'deleted' && event.type !== 'setup') return state; // only a new preview brings it back
  switch (event.type) {
    case 'setup':
      return { kind: 'setting-up', attempt: nextAttempt, ...(event.detail === undefined ? {} : { detail: event.detail }) };
    case 'restart':
      return { kind: 'restarting', attempt: nextAttempt, detail: event.detail };
    case 'start':
      return { kind: 'starting', attempt: nextAttempt, detail: event.detail };
    case 'progress':
      return isWaiting(state) ? { ...state, detail: event.detail } : state;
    case 'answered':
      if (!isWaiting(state) || state.attempt !== event.attempt) return state;
      return { kind: 'ready', ...(event.detail === undefined ? {} : { detail: event.detail }) };
    case 'exited':
      return state.kind === 'ready' ? { kind: 'stopped', reason: event.reason } : state;
    case 'stopped':
      return { kind: 'stopped', reason: event.reason };
    case 'deleted':
      return { kind: 'deleted' };
    case 'failed':
      if (event.attempt !== undefined && attemptOf(state) !== event.attempt) return state;
      return { kind: 'failed', cause: event.cause };
  }
}

/** Actions the user may take in a state (the panel's buttons, the tree's menus, the palette). */
export function allows(state: PreviewState, action: 'restart' | 'open-link' | 'resync'): boolean {
  switch (action) {
    case 'restart':
      return state.kind === 'ready' || state.kind === 'stopped' || state.kind === 'failed';
    case 'open-link':
      return state.kind === 'ready';
    case 'resync':
      return state.kind === 'ready';
  }
}

/** One or two words for the badge, the status bar and the tree ("running", "restarting"). */
export function stateWords(state: Pick<PreviewState, 'kind'>): string {
  switch (state.kind) {
    case 'setting-up':
      return 'setting up';
    case 'ready':
      return 'running';
    default:
      return state.kind;
  }
}

/** One sentence for the panel's overlay and tooltips: what the preview waits for, or why it is not shown. */
export function stateSentence(state: PreviewState, port?: number): string {
  const on = port === undefined ? '' : ` on port ${port}`;
  switch (state.kind) {
    case 'setting-up':
      return `Setting up the preview… ${state.detail ?? ''}`.trim();
    case 'ready':
      return state.detail ?? 'The preview is running.';
    case 'restarting':
      return `${state.detail}… waiting for the dev server to answer${on}.`;
    case 'starting':
      return `${state.detail}… waiting for the dev server to answer${on}.`;
    case 'stopped':
      return `Stopped: ${state.reason}. Start the sandbox or restart the preview to bring it back.`;
    case 'deleted':
      return 'This sandbox was deleted.';
    case 'failed':
      return state.cause;
  }
}

/** One preview's state, with the attempt counter the waits are numbered by. */
export class PreviewStateMachine {
  private current: PreviewState = initialPreviewState();
  private attempts = 1;

  constructor(private readonly onChange: (state: PreviewState) => void = () => undefined) {}

  get state(): PreviewState {
    return this.current;
  }

  /** Applies `event`; tells the listener when the state changed. */
  apply(event: PreviewEvent): PreviewState {
    const waits = event.type === 'setup' || event.type === 'restart' || event.type === 'start';
    const next = transition(this.current, event, waits ? this.attempts + 1 : this.attempts);
    if (next === this.current) return next;
    if (waits && next.kind !== 'deleted') this.attempts += 1;
    this.current = next;
    this.onChange(next);
    return next;
  }

  /** Enters a waiting state and returns the attempt its `answered` must name. */
  begin(event: Extract<PreviewEvent, { type: 'setup' | 'restart' | 'start' }>): number {
    this.apply(event);
    return this.attempts;
  }
}
