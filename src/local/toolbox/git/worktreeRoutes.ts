// Git routes on a working tree: status, branches, checkout, add, commit, history, init, reset, restore.
import { mkdir } from 'node:fs/promises';
import type { LocalSandbox } from '../../contracts';
import { badRequest } from '../daemonError';
import { optionalBoolean, optionalString, readJson, requireString, sendEmpty, sendJson, stringArray } from '../http';
import { resolveSandboxPath } from '../paths';
import type { Router } from '../router';
import type { GitRunner } from './gitRunner';
import { repoDirectory } from './repoPaths';
import { parsePorcelainV2 } from './status';

export function registerWorktreeRoutes(router: Router, git: GitRunner): void {
  registerStatusAndBranchRoutes(router, git);
  registerCommitRoutes(router, git);
  registerInitAndResetRoutes(router, git);
}

const repo = async (sandbox: LocalSandbox, raw: string | null | undefined): Promise<string> => (await repoDirectory(sandbox, raw)).inside;

/** status, branches (list, create, delete), checkout. */
function registerStatusAndBranchRoutes(router: Router, git: GitRunner): void {
  router.add('GET', '/git/status', async ({ res, sandbox, url }) => {
    const dir = await repo(sandbox, url.searchParams.get('path'));
    const r = await git.run(sandbox, dir, ['status', '--porcelain=v2', '--branch', '-z', '--untracked-files=all'], 'git status');
    sendJson(res, 200, parsePorcelainV2(r.stdout));
  });

  router.add('GET', '/git/branches', async ({ res, sandbox, url }) => {
    const dir = await repo(sandbox, url.searchParams.get('path'));
    const list = await git.run(sandbox, dir, ['branch', '--format=%(refname:short)'], 'git branch');
    const current = (await git.exec(sandbox, dir, ['branch', '--show-current'])).stdout.trim();
    const branches = list.stdout.split('\n').map((b) => b.trim()).filter((b) => b !== '' && !b.startsWith('('));
    sendJson(res, 200, { branches, ...(current ? { current } : {}) });
  });

  router.add('POST', '/git/branches', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    // Like the daemon: create the branch and switch to it.
    await git.run(sandbox, await repo(sandbox, requireString(body, 'path')), ['checkout', '-b', requireString(body, 'name')], 'git branch create');
    sendEmpty(res, 201);
  });

  router.add('DELETE', '/git/branches', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    await git.run(sandbox, await repo(sandbox, requireString(body, 'path')), ['branch', '-D', '--', requireString(body, 'name')], 'git branch delete');
    sendEmpty(res, 204);
  });

  router.add('POST', '/git/checkout', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    await git.run(sandbox, await repo(sandbox, requireString(body, 'path')), ['checkout', requireString(body, 'branch'), '--'], 'git checkout');
    sendEmpty(res, 200);
  });
}

/** add, commit, history. */
function registerCommitRoutes(router: Router, git: GitRunner): void {
  router.add('POST', '/git/add', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    const files = stringArray(body, 'files');
    await git.run(sandbox, await repo(sandbox, requireString(body, 'path')), ['add', '--', ...(files.length > 0 ? files : ['.'])], 'git add');
    sendEmpty(res, 200);
  });

  router.add('POST', '/git/commit', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    const dir = await repo(sandbox, requireString(body, 'path'));
    const author = optionalString(body, 'author') ?? 'daytona';
    const email = optionalString(body, 'email') ?? 'daytona@localhost';
    const args = ['-c', `user.name=${author}`, '-c', `user.email=${email}`, 'commit', '-m', requireString(body, 'message')];
    if (optionalBoolean(body, 'allow_empty')) args.push('--allow-empty');
    await git.run(sandbox, dir, args, 'git commit');
    const hash = (await git.run(sandbox, dir, ['rev-parse', 'HEAD'], 'git rev-parse')).stdout.trim();
    sendJson(res, 200, { hash });
  });

  router.add('GET', '/git/history', async ({ res, sandbox, url }) => {
    const dir = await repo(sandbox, url.searchParams.get('path'));
    const r = await git.run(sandbox, dir, ['log', '-z', '--format=%H%x1f%an%x1f%ae%x1f%aI%x1f%B'], 'git log');
    const commits = r.stdout.split('\0').filter((e) => e.trim() !== '').map((entry) => {
      const [hash, author, email, timestamp, message] = entry.replace(/^\n/, '').split('\x1f');
      return { hash, author, email, timestamp, message: (message ?? '').trim() };
    });
    sendJson(res, 200, commits);
  });
}

/** init, reset, restore. */
function registerInitAndResetRoutes(router: Router, git: GitRunner): void {
  router.add('POST', '/git/init', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    const target = await resolveSandboxPath(sandbox, requireString(body, 'path'));
    const args = ['init'];
    if (optionalBoolean(body, 'bare')) args.push('--bare');
    const initial = optionalString(body, 'initial_branch');
    if (initial) args.push(`--initial-branch=${initial}`);
    await mkdir(target.host, { recursive: true });
    await git.run(sandbox, target.inside, args, 'git init');
    sendEmpty(res, 200);
  });

  router.add('POST', '/git/reset', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    const files = stringArray(body, 'files');
    const mode = optionalString(body, 'mode');
    if (mode && !['soft', 'mixed', 'hard', 'merge', 'keep'].includes(mode)) throw badRequest(`unknown reset mode ${mode}`);
    const target = optionalString(body, 'target');
    const args = files.length > 0 ? ['reset', ...(target ? [target] : []), '--', ...files] : ['reset', ...(mode ? [`--${mode}`] : []), ...(target ? [target] : [])];
    await git.run(sandbox, await repo(sandbox, requireString(body, 'path')), args, 'git reset');
    sendEmpty(res, 200);
  });

  router.add('POST', '/git/restore', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    const args = ['restore'];
    if (optionalBoolean(body, 'staged')) args.push('--staged');
    if (optionalBoolean(body, 'worktree')) args.push('--worktree');
    const source = optionalString(body, 'source');
    if (source) args.push(`--source=${source}`);
    const files = stringArray(body, 'files');
    if (files.length === 0) throw badRequest('files is required');
    await git.run(sandbox, await repo(sandbox, requireString(body, 'path')), [...args, '--', ...files], 'git restore');
    sendEmpty(res, 200);
  });
}
