// Git routes that talk to remotes or configure the repository: pull, push, remotes, config, credentials.
import { appendFile, chmod } from 'node:fs/promises';
import type { LocalSandbox } from '../../contracts';
import { badRequest } from '../daemonError';
import { optionalBoolean, optionalString, readJson, requireQuery, requireString, sendEmpty, sendJson } from '../http';
import { resolveSandboxPath } from '../paths';
import type { Router } from '../router';
import type { GitCredentials, GitRunner } from './gitRunner';
import { goGitPull } from './goGitPull';
import { repoDirectory } from './repoPaths';

function credentialsOf(body: Record<string, unknown>): GitCredentials | undefined {
  const username = optionalString(body, 'username');
  const password = optionalString(body, 'password');
  return username && password ? { username, password } : undefined;
}

export function registerRemoteRoutes(router: Router, git: GitRunner): void {
  registerSyncRoutes(router, git);
  registerConfigRoutes(router, git);
}

const repo = async (sandbox: LocalSandbox, raw: string | null | undefined): Promise<string> => (await repoDirectory(sandbox, raw)).inside;

/** pull, push, remotes (list, add). */
function registerSyncRoutes(router: Router, git: GitRunner): void {
  router.add('POST', '/git/pull', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    // Like the daemon, whatever branch or remote the request names (see goGitPull.ts).
    await goGitPull(git, sandbox, await repo(sandbox, requireString(body, 'path')), credentialsOf(body));
    sendEmpty(res, 200);
  });

  router.add('POST', '/git/push', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    const args = ['push'];
    if (optionalBoolean(body, 'set_upstream')) args.push('--set-upstream');
    const remote = optionalString(body, 'remote');
    const branch = optionalString(body, 'branch');
    if (remote || branch) args.push(remote ?? 'origin');
    if (branch) args.push(branch);
    await git.run(sandbox, await repo(sandbox, requireString(body, 'path')), args, 'git push', credentialsOf(body));
    sendEmpty(res, 200);
  });

  router.add('GET', '/git/remotes', async ({ res, sandbox, url }) => {
    const dir = await repo(sandbox, url.searchParams.get('path'));
    const r = await git.run(sandbox, dir, ['remote', '-v'], 'git remote');
    const remotes = new Map<string, string>();
    for (const line of r.stdout.split('\n')) {
      const m = /^(\S+)\s+(\S+)\s+\(fetch\)$/.exec(line.trim());
      if (m) remotes.set(m[1] as string, m[2] as string);
    }
    sendJson(res, 200, { remotes: [...remotes].map(([name, remoteUrl]) => ({ name, url: remoteUrl })) });
  });

  router.add('POST', '/git/remotes', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    const dir = await repo(sandbox, requireString(body, 'path'));
    const name = requireString(body, 'name');
    const remoteUrl = requireString(body, 'url');
    const exists = (await git.exec(sandbox, dir, ['remote', 'get-url', name])).code === 0;
    if (exists && optionalBoolean(body, 'overwrite')) await git.run(sandbox, dir, ['remote', 'set-url', name, remoteUrl], 'git remote set-url');
    else await git.run(sandbox, dir, ['remote', 'add', name, remoteUrl], 'git remote add');
    if (optionalBoolean(body, 'fetch')) await git.run(sandbox, dir, ['fetch', name], 'git fetch');
    sendEmpty(res, 200);
  });
}

/** config (set, get, user), credentials. */
function registerConfigRoutes(router: Router, git: GitRunner): void {
  router.add('POST', '/git/config', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    const { dir, scope } = await configTarget(sandbox, optionalString(body, 'scope'), optionalString(body, 'path'));
    await git.run(sandbox, dir, ['config', scope, requireString(body, 'key'), typeof body['value'] === 'string' ? body['value'] : ''], 'git config');
    sendEmpty(res, 200);
  });

  router.add('GET', '/git/config', async ({ res, sandbox, url }) => {
    const { dir, scope } = await configTarget(sandbox, url.searchParams.get('scope') ?? undefined, url.searchParams.get('path') ?? undefined);
    const r = await git.exec(sandbox, dir, ['config', scope, '--get', requireQuery(url, 'key')]);
    sendJson(res, 200, r.code === 0 ? { value: r.stdout.replace(/\n$/, '') } : {});
  });

  router.add('POST', '/git/config/user', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    const { dir, scope } = await configTarget(sandbox, optionalString(body, 'scope'), optionalString(body, 'path'));
    await git.run(sandbox, dir, ['config', scope, 'user.name', requireString(body, 'name')], 'git config');
    await git.run(sandbox, dir, ['config', scope, 'user.email', requireString(body, 'email')], 'git config');
    sendEmpty(res, 200);
  });

  // `dangerouslyAuthenticate`: stores the credentials in the sandbox's ~/.git-credentials, as the daemon does.
  router.add('POST', '/git/credentials', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    const username = requireString(body, 'username');
    const password = requireString(body, 'password');
    const host = optionalString(body, 'host') ?? 'github.com';
    const protocol = optionalString(body, 'protocol') ?? 'https';
    const file = await resolveSandboxPath(sandbox, `${sandbox.insideHome}/.git-credentials`);
    await appendFile(file.host, `${protocol}://${encodeURIComponent(username)}:${encodeURIComponent(password)}@${host}\n`, { mode: 0o600 });
    await chmod(file.host, 0o600);
    await git.run(sandbox, sandbox.insideHome, ['config', '--global', 'credential.helper', 'store'], 'git config');
    sendEmpty(res, 200);
  });
}

async function configTarget(sandbox: LocalSandbox, scope: string | undefined, path: string | undefined): Promise<{ dir: string; scope: string }> {
  const s = scope ?? 'global';
  if (!['global', 'local', 'system'].includes(s)) throw badRequest(`unknown config scope ${s} (use global or local)`);
  if (s === 'local') return { dir: (await repoDirectory(sandbox, path)).inside, scope: '--local' };
  // The sandbox's "global" config is ~/.gitconfig in its home; system config stays read-only.
  if (s === 'system') throw badRequest('system git config cannot be changed in a local sandbox; use global');
  return { dir: sandbox.insideHome, scope: '--global' };
}
