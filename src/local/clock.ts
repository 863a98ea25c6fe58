// Time as the local backend sees it. Tests shrink the minute so auto-stop can be proven without waiting.
export interface Clock {
  now(): number;
  /** Length of one "minute" of Daytona's interval settings, in milliseconds (60000 in real use). */
  readonly minuteMs: number;
}

export const systemClock = (minuteMs = 60_000): Clock => ({ now: () => Date.now(), minuteMs });

export const isoNow = (clock: Clock): string => new Date(clock.now()).toISOString();
