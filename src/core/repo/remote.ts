import { parseGithubHost, type GithubHost } from './githubHost';

/** A git remote turned into something a sandbox can clone over HTTP(S). */
export interface CloneTarget {
  /** HTTPS (or, for an http GitHub base URL, HTTP) clone URL without any credentials. */
  readonly cloneUrl: string;
  /** `host[:port]` of `cloneUrl`, e.g. `github.com`. */
  readonly host: string;
  /** Repository path without `.git`, e.g. `owner/name` (GitLab subgroups give more segments). */
  readonly slug: string;
  /** True only when the remote is on the configured GitHub host: the GitHub token may be sent only then. */
  readonly onGithubHost: boolean;
  /** The remote URL carried a user name or password; they were dropped and must not be used or logged. */
  readonly hadCredentials: boolean;
}

export type RemoteParseResult =
  | ({ readonly ok: true } & CloneTarget)
  | { readonly ok: false; readonly reason: string };

// Hosts where `<owner>/<repo>.git` is the canonical HTTPS clone path.
const GIT_SUFFIX_HOSTS = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'codeberg.org']);
const HTTP_PROTOCOLS = new Set(['https:', 'http:', 'git+https:', 'git+http:']);
const SSH_PROTOCOLS = new Set(['ssh:', 'git+ssh:', 'ssh+git:', 'git:']);
// git's scp-like syntax `[user@]host:path`, recognised only when no slash comes before the first colon.
const SCP_LIKE = /^(?:[^@/]+@)?([^@/:]+):(?!\/\/)(.*)$/;
const WINDOWS_PATH = /^[A-Za-z]:[\\/]/;

/**
 * Turns a remote URL (`https://…`, `ssh://…`, `git@host:owner/repo.git`, with or without credentials) into an HTTP(S)
 * clone URL. An SSH remote on the GitHub host maps to `<githubHost base>/<owner>/<repo>.git`; other SSH remotes map to
 * `https://<host>/<path>` (a public clone, no token). Local paths and `file://` remotes cannot be cloned by a sandbox.
 */
export function parseRemote(remote: string, githubHostSetting: string | GithubHost): RemoteParseResult {
  const github = typeof githubHostSetting === 'string' ? parseGithubHost(githubHostSetting) : githubHostSetting;
  const parts = splitRemote(remote.trim());
  if ('reason' in parts) return { ok: false, reason: parts.reason };
  const path = parts.path.replace(/^\/+/, '').replace(/\/+$/, '');
  const slug = path.replace(/\.git$/i, '');
  if (slug === '' || slug.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return { ok: false, reason: `the remote "${redact(remote)}" names no repository path` };
  }
  const hostname = parts.hostname.toLowerCase();
  if (parts.kind === 'ssh' && hostname === github.hostname) {
    return target(`${github.baseUrl}/${slug}.git`, slug, true, parts.hadCredentials);
  }
  const origin = parts.kind === 'http' ? `${parts.protocol}//${parts.host}` : `https://${hostname}`;
  const onGithubHost = parts.kind === 'http' && origin.toLowerCase() === github.origin.toLowerCase();
  const wantsSuffix = onGithubHost || GIT_SUFFIX_HOSTS.has(hostname);
  // A GitHub base URL with a path prefix (`https://host/git`) repeats it in every remote path: not part of the slug.
  const prefix = onGithubHost ? github.baseUrl.slice(github.origin.length).replace(/^\/+/, '') : '';
  const shortSlug = prefix && slug.startsWith(`${prefix}/`) ? slug.slice(prefix.length + 1) : slug;
  return target(`${origin}/${wantsSuffix ? `${slug}.git` : path}`, shortSlug, onGithubHost, parts.hadCredentials);
}

type RemoteParts =
  | { kind: 'http'; protocol: string; host: string; hostname: string; path: string; hadCredentials: boolean }
  | { kind: 'ssh'; hostname: string; path: string; hadCredentials: boolean }
  | { reason: string };

function splitRemote(remote: string): RemoteParts {
  if (remote === '') return { reason: 'the remote URL is empty' };
  if (WINDOWS_PATH.test(remote)) return { reason: `"${remote}" is a local path, which a sandbox cannot clone` };
  const scp = SCP_LIKE.exec(remote);
  if (scp?.[1] !== undefined && scp[2] !== undefined) {
    return { kind: 'ssh', hostname: scp[1], path: scp[2], hadCredentials: false };
  }
  let url: URL;
  try {
    url = new URL(remote);
  } catch {
    return { reason: `"${redact(remote)}" is a local path, which a sandbox cannot clone` };
  }
  const hadCredentials = url.password !== '' || (url.username !== '' && HTTP_PROTOCOLS.has(url.protocol));
  const path = safeDecode(url.pathname);
  if (HTTP_PROTOCOLS.has(url.protocol) && url.hostname) {
    const protocol = url.protocol.replace('git+', '');
    return { kind: 'http', protocol, host: url.host, hostname: url.hostname, path, hadCredentials };
  }
  if (SSH_PROTOCOLS.has(url.protocol) && url.hostname) {
    // `ssh://git@host/~user/repo` style home-relative paths have no HTTPS equivalent worth guessing.
    return { kind: 'ssh', hostname: url.hostname, path: path.replace(/^\/~/, '/'), hadCredentials };
  }
  return { reason: `the ${url.protocol.replace(':', '')} remote "${redact(remote)}" cannot be cloned by a sandbox` };
}

function target(cloneUrl: string, slug: string, onGithubHost: boolean, hadCredentials: boolean): RemoteParseResult {
  const url = new URL(cloneUrl);
  return { ok: true, cloneUrl: url.href, host: url.host, slug, onGithubHost, hadCredentials };
}

/** The remote with any `user:password@` removed, safe for messages and logs. */
export function redact(remote: string): string {
  return remote.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
