// When a sandbox will auto-stop, in words ("stops in 12 min"), from its auto-stop interval and last activity.
// No `vscode` import: the tree, the status bar and the unit tests share it.
import type { SandboxSummary } from '../../core/connect';

const MINUTE = 60_000;

export type AutoStopFacts = Pick<SandboxSummary, 'state' | 'autoStopInterval' | 'lastActivityAt'>;

/**
 * `stops in 12 min`, `stops in 2 h`, `stops in under a minute`, `stopping soon` (the countdown ran out but the
 * backend has not stopped it yet); undefined when the sandbox is not running, never auto-stops, or is watched
 * (a visible preview panel keeps refreshing its activity, see KeepAwake).
 */
export function autoStopText(sandbox: AutoStopFacts, now: number, watched: boolean): string | undefined {
  const left = autoStopLeftMs(sandbox, now);
  if (left === undefined) return undefined;
  if (watched) return 'kept awake';
  if (left <= 0) return 'stopping soon';
  if (left < MINUTE) return 'stops in under a minute';
  const minutes = Math.ceil(left / MINUTE);
  if (minutes < 120) return `stops in ${minutes} min`;
  return `stops in ${Math.round(minutes / 60)} h`;
}

/** Milliseconds until auto-stop (negative once overdue); undefined when no countdown runs. */
export function autoStopLeftMs(sandbox: AutoStopFacts, now: number): number | undefined {
  if (sandbox.state !== 'started') return undefined;
  const interval = sandbox.autoStopInterval;
  if (interval === undefined || interval <= 0 || !sandbox.lastActivityAt) return undefined;
  const last = Date.parse(sandbox.lastActivityAt);
  if (Number.isNaN(last)) return undefined;
  return last + interval * MINUTE - now;
}
