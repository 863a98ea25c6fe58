// A real git server for tests: smart HTTP through `git http-backend` (CGI, one process per request) behind a node
// http server on 127.0.0.1. It requires Basic auth with the token (anonymous reads only for repos marked public)
// and records every request's credentials, so tests can assert where the token went.
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runGitHttpBackend } from './cgi';
import { git } from './git';

export interface GitServerOptions {
  /** Password (token) every authenticated request must carry. */
  readonly token: string;
  /** When set, the Basic-auth user name must match too (GitHub accepts any with a token). */
  readonly user?: string;
  /**
   * Valid tokens that may read no repository. GitHub answers them 404 "Repository not found." (it hides private
   * repositories from who cannot read them), never 401.
   */
  readonly tokensWithoutAccess?: readonly string[];
}

export interface GitRequestRecord {
  readonly method: string;
  /** Path and query, e.g. `/forge/app.git/info/refs?service=git-upload-pack`. */
  readonly url: string;
  /** Basic-auth credentials as received, if any. */
  readonly credentials?: { readonly username: string; readonly password: string };
  /** A bearer token as received (what GitHub's REST API takes), if any. */
  readonly bearer?: string;
  readonly status: number;
}

export interface CreateRepoOptions {
  /** Anyone may clone and fetch without credentials (pushing still needs the token). */
  readonly public?: boolean;
  /** Branch of the initial commit when `fromDir` is a plain folder; default `main`. */
  readonly branch?: string;
}

export interface GitServer {
  /** `http://127.0.0.1:<port>`: use as `githubHost` so Forge treats this server as the GitHub host. */
  readonly baseUrl: string;
  readonly token: string;
  /** Every request so far, oldest first. */
  readonly requests: readonly GitRequestRecord[];
  /**
   * Creates the bare repository `<slug>.git` (slug `owner/name`) and fills it from `fromDir`: all branches and tags of
   * a git working copy, or one commit of a plain folder (respecting its .gitignore). Returns the clone URL.
   */
  createRepo(slug: string, fromDir?: string, options?: CreateRepoOptions): Promise<string>;
  /** `git -c http.extraHeader=…` arguments that authenticate a test's own git command against this server. */
  authArgs(): string[];
  /** Local path of a repository's bare directory (for assertions). */
  repoDir(slug: string): string;
  close(): Promise<void>;
}

export async function startGitServer(options: GitServerOptions): Promise<GitServer> {
  const root = await mkdtemp(path.join(tmpdir(), 'forge-git-server-'));
  const publicRepos = new Set<string>();
  const requests: GitRequestRecord[] = [];
  const children = new Set<ChildProcess>();

  const server = createServer((req, res) => {
    const credentials = parseBasicAuth(req.headers.authorization);
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const record = (status: number): void => {
      requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', ...(credentials ? { credentials } : {}), ...(bearer ? { bearer } : {}), status });
    };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const authorized = credentials !== undefined && credentials.password === options.token && (options.user === undefined || credentials.username === options.user);
    const anonymousRead = credentials === undefined && isRead(url) && publicRepos.has(repoOf(url.pathname));
    if (credentials !== undefined && options.tokensWithoutAccess?.includes(credentials.password) && !anonymousRead) {
      record(404);
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('Repository not found.\n');
      return;
    }
    if (!authorized && !anonymousRead) {
      record(401);
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="forge-test-git"', 'Content-Type': 'text/plain' });
      res.end('authentication required\n');
      return;
    }
    runGitHttpBackend({ projectRoot: root, req, res, url, remoteUser: authorized ? (credentials?.username ?? 'user') : undefined, children, record });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // Local sandboxes have their own network: let them reach this server (and only the ports so named).
  process.env['FORGE_LOCAL_HOST_PORTS'] = [process.env['FORGE_LOCAL_HOST_PORTS'], port].filter(Boolean).join(',');
  const baseUrl = `http://127.0.0.1:${port}`;
  const authArgs = (): string[] => ['-c', `http.extraHeader=Authorization: Basic ${Buffer.from(`${options.user ?? 'x-access-token'}:${options.token}`).toString('base64')}`];

  return {
    baseUrl,
    token: options.token,
    requests,
    authArgs,
    repoDir: (slug) => path.join(root, `${slug}.git`),
    async createRepo(slug, fromDir, repoOptions = {}) {
      if (!/^[\w.-]+\/[\w.-]+$/.test(slug)) throw new Error(`createRepo: slug must look like owner/name, got "${slug}"`);
      const bare = path.join(root, `${slug}.git`);
      await git(root, ['init', '-q', '--bare', '-b', repoOptions.branch ?? 'main', bare]);
      await git(bare, ['config', 'http.receivepack', 'true']);
      if (repoOptions.public) publicRepos.add(`/${slug}.git`);
      if (fromDir) await fillRepo(bare, fromDir, repoOptions.branch ?? 'main');
      return `${baseUrl}/${slug}.git`;
    },
    async close() {
      for (const child of children) child.kill('SIGKILL');
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
}

async function fillRepo(bare: string, fromDir: string, branch: string): Promise<void> {
  const isWorkingCopy = (await git(fromDir, ['rev-parse', '--show-toplevel']).catch(() => '')) === path.resolve(fromDir);
  if (isWorkingCopy) {
    await git(fromDir, ['push', '-q', bare, '--all']);
    await git(fromDir, ['push', '-q', bare, '--tags']);
    return;
  }
  // A plain folder: commit it from a throwaway git dir, never writing a .git into the folder itself.
  const scratch = await mkdtemp(path.join(tmpdir(), 'forge-git-fill-'));
  try {
    const env = { GIT_DIR: scratch, GIT_WORK_TREE: fromDir };
    await git(fromDir, ['init', '-q', '-b', branch], { GIT_DIR: scratch });
    await git(fromDir, ['add', '-A'], env);
    await git(fromDir, ['commit', '-q', '-m', 'Initial commit'], env);
    await git(fromDir, ['push', '-q', bare, `HEAD:refs/heads/${branch}`], env);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function parseBasicAuth(header: string | undefined): { username: string; password: string } | undefined {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? { username: decoded, password: '' } : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Fetch and clone only: ref advertisement for upload-pack and the upload-pack POST (never receive-pack). */
function isRead(url: URL): boolean {
  if (url.pathname.endsWith('/info/refs')) return url.searchParams.get('service') === 'git-upload-pack';
  return url.pathname.endsWith('/git-upload-pack');
}

/** `/owner/name.git/info/refs` → `/owner/name.git`. */
function repoOf(pathname: string): string {
  const match = /^(\/[^/]+\/[^/]+\.git)(?:\/|$)/.exec(pathname);
  return match?.[1] ?? '';
}
