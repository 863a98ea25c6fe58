import { ForgeError } from '../../common/errors';

/** The user's GitHub (`forge.githubHost`): where an SSH remote's HTTPS twin lives and the only place the token may go. */
export interface GithubHost {
  /** Lower-case hostname without port, e.g. `github.com` or `127.0.0.1`. */
  readonly hostname: string;
  /** Scheme, host, port and optional path prefix, without a trailing slash, e.g. `https://github.com`. */
  readonly baseUrl: string;
  /** `scheme://host[:port]` of `baseUrl`, for comparing with a remote URL's origin. */
  readonly origin: string;
}

export const DEFAULT_GITHUB_HOST = 'github.com';

/**
 * Reads the `forge.githubHost` setting: a hostname (`github.com`, `ghe.example.com`, meaning HTTPS) or a base URL
 * with scheme and port (`http://127.0.0.1:8123`, used by tests whose git server speaks plain HTTP).
 */
export function parseGithubHost(setting: string | undefined): GithubHost {
  const raw = (setting ?? '').trim() || DEFAULT_GITHUB_HOST;
  let url: URL;
  try {
    url = new URL(raw.includes('://') ? raw : `https://${raw}`);
  } catch (cause) {
    throw badHost(raw, cause);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '' || url.username || url.password || url.search || url.hash) {
    throw badHost(raw);
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { hostname: url.hostname.toLowerCase(), baseUrl: `${url.origin}${path}`, origin: url.origin };
}

function badHost(raw: string, cause?: unknown): ForgeError {
  return new ForgeError('bad-setting', `forge.githubHost "${raw}" is not a host name or an http(s) base URL.`, {
    hint: 'Set it to github.com, your GitHub Enterprise host (e.g. ghe.example.com), or a base URL such as https://ghe.example.com:8443.',
    cause,
  });
}
