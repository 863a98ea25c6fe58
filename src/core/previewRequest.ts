/**
 * One GET of a preview as Forge's own checks make it: with the preview token and past Daytona's warning page.
 * The HTTP status, or undefined when nothing answered in time. Redirects are not followed (an answer is an answer).
 */
export async function previewStatus(url: string, token: string, signal?: AbortSignal): Promise<number | undefined> {
  try {
    const timeout = AbortSignal.timeout(10_000);
    const response = await fetch(url, {
      // A probe is not the user's activity: it must not keep the sandbox from auto-stopping.
      headers: { 'x-daytona-preview-token': token, 'X-Daytona-Skip-Preview-Warning': 'true', 'X-Daytona-Skip-Last-Activity-Update': 'true' },
      redirect: 'manual',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    await response.body?.cancel();
    return response.status;
  } catch {
    return undefined;
  }
}
