// Polling an HTTP address until it answers, as a person reloading a browser tab would.

/** Resolves with the status once `url` answers `accept`ed; rejects at the deadline. */
export async function pollUntil(url: string, timeoutMs: number, init: RequestInit = {}, accept: (status: number) => boolean = (s) => s === 200, intervalMs = 50): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
      await response.body?.cancel();
      if (accept(response.status)) return response.status;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** The body of `url` (or undefined when it does not answer). */
export async function fetchText(url: string, init: RequestInit = {}): Promise<{ status: number; text: string } | undefined> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
    return { status: response.status, text: await response.text() };
  } catch {
    return undefined;
  }
}
