// When to ask for the next signed URL. Pure arithmetic, so it is tested without clocks.

/** Refresh once this share of a URL's life has passed: early enough to survive a slow request, late enough to be rare. */
export const REFRESH_AT_FRACTION = 0.8;
/** Never sooner than this, so a source that hands out already-expired URLs cannot spin a loop. */
export const MIN_REFRESH_DELAY_MS = 1_000;
/** setTimeout's ceiling (a longer delay fires at once). */
export const MAX_TIMER_DELAY_MS = 2_147_483_647;

/** Milliseconds from `now` until the URL issued at `issuedAt` and expiring at `expiresAt` should be replaced. */
export function refreshDelayMs(issuedAt: number, expiresAt: number, now: number): number {
  const lifetime = Math.max(0, expiresAt - issuedAt);
  const due = issuedAt + lifetime * REFRESH_AT_FRACTION;
  return clamp(due - now, MIN_REFRESH_DELAY_MS, MAX_TIMER_DELAY_MS);
}

const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 60_000;

/**
 * After `failures` failed refreshes in a row (1 = the first): 2 s, 4 s, 8 s … up to a minute, and never later
 * than just before the current URL expires, when there is still one.
 */
export function retryDelayMs(failures: number, now: number, expiresAt?: number): number {
  const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, failures - 1));
  const beforeExpiry = expiresAt !== undefined && expiresAt - now > MIN_REFRESH_DELAY_MS ? expiresAt - now - MIN_REFRESH_DELAY_MS : backoff;
  return clamp(Math.min(backoff, beforeExpiry), MIN_REFRESH_DELAY_MS, MAX_TIMER_DELAY_MS);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * The panel's link lives a day: Daytona's longest (`expiresInSeconds` 1..86400) and its warning cookie's max-age
 * (apps/proxy/pkg/proxy/warning_page.go), so the warning page, accepted once per host, returns once a day at most.
 */
export const PANEL_LINK_SECONDS = 86_400;

/** Whether a URL issued at `issuedAt` and expiring at `expiresAt` is due for its refresh at `now` (or expired). */
export function refreshDue(issuedAt: number, expiresAt: number, now: number): boolean {
  return now >= issuedAt + Math.max(0, expiresAt - issuedAt) * REFRESH_AT_FRACTION;
}
