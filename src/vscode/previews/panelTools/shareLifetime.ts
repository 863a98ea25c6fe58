// How long a shared preview link lives: the choices "Share Preview…" offers and the custom lifetime a person may
// type. Pure (unit-tested). The backend's maximum is 24 h on both Daytona and the local backend
// (`expiresInSeconds` 1..86400), so nothing longer is ever asked for, and nothing is chosen silently.

export const MAX_SHARE_SECONDS = 86_400;

export interface LifetimeChoice {
  readonly label: string;
  readonly seconds: number;
}

export const LIFETIME_CHOICES: readonly LifetimeChoice[] = [
  { label: '15 minutes', seconds: 15 * 60 },
  { label: '1 hour', seconds: 3_600 },
  { label: '24 hours', seconds: MAX_SHARE_SECONDS },
];

const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, min: 60, h: 3_600, d: 86_400 };

/** "90m", "2h", "1h30m", "45 min", "1d" → seconds; else a sentence naming what is allowed. */
export function parseLifetime(text: string): { readonly seconds: number } | { readonly error: string } {
  const input = text.trim().toLowerCase().replace(/\s+/g, '');
  const parts = [...input.matchAll(/(\d{1,6})(min|s|m|h|d)/g)];
  if (input === '' || parts.map((p) => p[0]).join('') !== input) {
    return { error: 'Type a lifetime such as 30m, 2h, 1h30m or 1d (s, m, h, d).' };
  }
  const seconds = parts.reduce((sum, p) => sum + Number(p[1]) * (UNIT_SECONDS[p[2] ?? 's'] ?? 1), 0);
  if (seconds < 60) return { error: 'A shared link lives at least 1 minute.' };
  if (seconds > MAX_SHARE_SECONDS) return { error: 'The backend signs links for at most 24 hours (1d).' };
  return { seconds };
}

/** "15 min", "1 h", "1 h 30 min", "24 h" for labels and messages. */
export function lifetimeText(seconds: number): string {
  const hours = Math.floor(seconds / 3_600);
  const minutes = Math.round((seconds % 3_600) / 60);
  if (hours === 0) return `${Math.max(1, minutes)} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}
