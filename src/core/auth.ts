/**
 * The GitHub token may travel only to the GitHub host the user configured: `github.com`, an enterprise host, or
 * a base URL such as `http://127.0.0.1:8123`. A bare host means HTTPS.
 */
export function tokenAllowedFor(cloneUrl: string, githubHost: string): boolean {
  const target = safeUrl(cloneUrl);
  const configured = safeUrl(githubHost.includes('://') ? githubHost : `https://${githubHost}`);
  if (!target || !configured) return false;
  return target.protocol === configured.protocol && target.host.toLowerCase() === configured.host.toLowerCase();
}

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Username that GitHub accepts alongside an OAuth token over HTTPS. */
export const GITHUB_TOKEN_USERNAME = 'x-access-token';
