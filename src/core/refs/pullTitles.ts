import { parseGithubHost } from '../repo/githubHost';
import type { Logger } from '../../common/logger';
import type { RemotePull } from './remoteRefs';

/** The REST API base of a GitHub host: api.github.com for github.com, `<base>/api/v3` for an enterprise host. */
export function githubApiBase(githubHost: string): string {
  const host = parseGithubHost(githubHost);
  return host.hostname === 'github.com' ? 'https://api.github.com' : `${host.baseUrl}/api/v3`;
}

interface PullJson {
  readonly number?: unknown;
  readonly title?: unknown;
}

/**
 * Open pull requests with their titles, from the GitHub API; undefined when it cannot say (no token, another
 * host, an error, a timeout), in which case the caller keeps the plain `refs/pull/*` list. The token goes only to
 * the API of the configured GitHub host, in a header.
 */
export async function openPullTitles(options: { slug: string; githubHost: string; token: string | undefined; logger?: Logger; signal?: AbortSignal }): Promise<Map<number, string> | undefined> {
  if (!options.token) return undefined;
  const url = `${githubApiBase(options.githubHost)}/repos/${options.slug}/pulls?state=open&per_page=100`;
  try {
    const timeout = AbortSignal.timeout(8_000);
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${options.token}`, Accept: 'application/vnd.github+json', 'User-Agent': 'forge-vscode' },
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    });
    if (!response.ok) {
      await response.body?.cancel();
      options.logger?.info(`GitHub API answered ${response.status} for the pull requests of ${options.slug}; listing refs/pull/* without titles`);
      return undefined;
    }
    const body = (await response.json());
    if (!Array.isArray(body)) return undefined;
    const titles = new Map<number, string>();
    for (const item of body as PullJson[]) {
      if (typeof item.number === 'number' && typeof item.title === 'string') titles.set(item.number, item.title);
    }
    return titles;
  } catch (error) {
    options.logger?.info(`GitHub API unavailable for ${options.slug} (${error instanceof Error ? error.message : String(error)}); listing refs/pull/* without titles`);
    return undefined;
  }
}

/** With titles: only the open pull requests, titled. Without: every `refs/pull/N/head`, as git lists them. */
export function withTitles(pulls: readonly RemotePull[], titles: Map<number, string> | undefined): RemotePull[] {
  if (!titles) return [...pulls];
  return pulls.filter((p) => titles.has(p.number)).map((p) => ({ ...p, title: titles.get(p.number) ?? '' }));
}
