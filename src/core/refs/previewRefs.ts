import { gitAt, readGit } from '../repo/git';
import { parseRemote } from '../repo/remote';
import type { Logger } from '../../common/logger';
import { openPullTitles, withTitles } from './pullTitles';
import { listRemoteRefs, type RemoteRefList } from './remoteRefs';

export interface PreviewRefChoices extends RemoteRefList {
  /** `owner/name`, when the remote gives one. */
  readonly slug?: string;
  /** Pull request titles came from the GitHub API (and closed ones were left out). */
  readonly titled: boolean;
}

/**
 * What "Preview Branch or Pull Request…" offers: origin's branches and pull request heads (ls-remote), titled from
 * the GitHub API when origin is on the configured GitHub host and a token is at hand. Works without the API.
 */
export async function listPreviewRefs(folder: string, options: { githubHost: string; token: string | undefined; logger?: Logger; signal?: AbortSignal }): Promise<PreviewRefChoices> {
  const git = gitAt(folder, options.signal);
  const root = (await readGit(git, ['rev-parse', '--show-toplevel']).catch(() => '')).trim() || folder;
  const refs = await listRemoteRefs(root, 'origin', options.signal);
  const url = (await readGit(gitAt(root, options.signal), ['remote', 'get-url', 'origin']).catch(() => '')).trim();
  const parsed = url ? parseRemote(url, options.githubHost) : undefined;
  if (!parsed?.ok) return { ...refs, titled: false };
  // The token goes to the API only when origin is on the configured GitHub host (as for clones).
  const titles = parsed.onGithubHost ? await openPullTitles({ slug: parsed.slug, githubHost: options.githubHost, token: options.token, ...(options.logger ? { logger: options.logger } : {}), ...(options.signal ? { signal: options.signal } : {}) }) : undefined;
  return { ...refs, pulls: withTitles(refs.pulls, titles), slug: parsed.slug, titled: titles !== undefined };
}
