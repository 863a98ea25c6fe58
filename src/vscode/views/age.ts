// "3 h ago" from an ISO timestamp. No `vscode` import: unit-tested on its own.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Compact elapsed time: `just now`, `5 min`, `3 h`, `2 d`, `5 wk`, `2 y`. Undefined for a missing or bad date. */
export function formatElapsed(fromIso: string | undefined, now: number): string | undefined {
  if (!fromIso) return undefined;
  const from = Date.parse(fromIso);
  if (Number.isNaN(from)) return undefined;
  const ms = Math.max(0, now - from);
  if (ms < MINUTE) return 'just now';
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h`;
  if (ms < 14 * DAY) return `${Math.floor(ms / DAY)} d`;
  if (ms < 365 * DAY) return `${Math.floor(ms / (7 * DAY))} wk`;
  return `${Math.floor(ms / (365 * DAY))} y`;
}

/** `created 3 h ago`, `created just now`. */
export function formatAgo(verb: string, fromIso: string | undefined, now: number): string | undefined {
  const elapsed = formatElapsed(fromIso, now);
  if (elapsed === undefined) return undefined;
  return elapsed === 'just now' ? `${verb} just now` : `${verb} ${elapsed} ago`;
}

/** Auto-stop interval in minutes, as words: `auto-stop after 15 min`, `never auto-stops`. */
export function formatAutoStop(minutes: number | undefined): string | undefined {
  if (minutes === undefined) return undefined;
  if (minutes <= 0) return 'never auto-stops';
  if (minutes % 60 === 0) return `auto-stop after ${minutes / 60} h idle`;
  return `auto-stop after ${minutes} min idle`;
}
