import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FIXTURES_DIR, makeWorkingCopy } from '../../../support/fixtureRepo';
import { git, tryGit } from '../../../support/git';
import { startGitServer, type GitServer } from '../../../support/gitServer';

const TOKEN = 'ghp_test_token_git_server';

function basicAuthArgs(user: string, password: string): string[] {
  return ['-c', `http.extraHeader=Authorization: Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`];
}

describe('test git server (git http-backend behind Basic auth)', () => {
  let server: GitServer;
  let work: string;

  before(async () => {
    server = await startGitServer({ token: TOKEN });
    work = await mkdtemp(path.join(tmpdir(), 'forge-git-server-test-'));
  });
  after(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  it('refuses a clone without the token, with a 401 and a Basic challenge', async () => {
    const url = await server.createRepo('acme/private', path.join(FIXTURES_DIR, 'express'));
    const before = server.requests.length;
    const run = await tryGit(work, ['clone', '-q', url, 'no-token']);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /Authentication failed|could not read Username|terminal prompts disabled/);
    assert.equal(existsSync(path.join(work, 'no-token', 'package.json')), false);
    const seen = server.requests.slice(before);
    assert.ok(seen.length > 0 && seen.every((r) => r.status === 401 && r.credentials === undefined));
    const response = await fetch(`${url}/info/refs?service=git-upload-pack`);
    assert.equal(response.status, 401);
    assert.match(response.headers.get('www-authenticate') ?? '', /^Basic /);
  });

  it('refuses a wrong token', async () => {
    const url = await server.createRepo('acme/wrong-token', path.join(FIXTURES_DIR, 'express'));
    const run = await tryGit(work, [...basicAuthArgs('x-access-token', 'not-the-token'), 'clone', '-q', url, 'wrong-token']);
    assert.notEqual(run.code, 0);
  });

  it('clones with the token, and records which credentials each request carried', async () => {
    const url = await server.createRepo('acme/with-token', path.join(FIXTURES_DIR, 'express'));
    const before = server.requests.length;
    await git(work, [...server.authArgs(), 'clone', '-q', url, 'with-token']);
    const pkg = JSON.parse(await readFile(path.join(work, 'with-token', 'package.json'), 'utf8')) as { name: string };
    assert.equal(pkg.name, 'fixture-express');
    const seen = server.requests.slice(before);
    assert.ok(seen.some((r) => r.url.endsWith('/git-upload-pack') && r.status === 200));
    assert.ok(seen.every((r) => r.credentials?.password === TOKEN));
    // The fixture's .gitignore held: no node_modules in the repository.
    assert.equal(existsSync(path.join(work, 'with-token', 'node_modules')), false);
  });

  it('accepts a push only with the token', async () => {
    const wc = await makeWorkingCopy('plain-node', { gitServer: server });
    try {
      await writeFile(path.join(wc.dir, 'more.txt'), 'more');
      await git(wc.dir, ['add', 'more.txt']);
      await git(wc.dir, ['commit', '-q', '-m', 'more']);
      const anonymous = await tryGit(wc.dir, ['push', '-q', wc.cloneUrl ?? '', 'HEAD:refs/heads/main']);
      assert.notEqual(anonymous.code, 0);
      await git(wc.dir, [...server.authArgs(), 'push', '-q', wc.cloneUrl ?? '', 'HEAD:refs/heads/main']);
      assert.equal(await git(server.repoDir(wc.slug ?? ''), ['rev-parse', 'main']), await git(wc.dir, ['rev-parse', 'HEAD']));
    } finally {
      await wc.cleanup();
    }
  });

  it('lets anyone clone a public repository, but not push to it', async () => {
    const url = await server.createRepo('acme/public', path.join(FIXTURES_DIR, 'plain-node'), { public: true });
    await git(work, ['clone', '-q', url, 'public']);
    assert.ok(existsSync(path.join(work, 'public', 'server.js')));
    await writeFile(path.join(work, 'public', 'x.txt'), 'x');
    await git(path.join(work, 'public'), ['add', 'x.txt']);
    await git(path.join(work, 'public'), ['commit', '-q', '-m', 'x']);
    const push = await tryGit(path.join(work, 'public'), ['push', '-q', 'origin', 'HEAD:main']);
    assert.notEqual(push.code, 0);
  });

  it('close() frees the port and removes its repositories', async () => {
    const other = await startGitServer({ token: 'another' });
    const url = await other.createRepo('acme/gone', path.join(FIXTURES_DIR, 'plain-node'));
    const dir = other.repoDir('acme/gone');
    assert.ok(existsSync(dir));
    await other.close();
    assert.equal(existsSync(dir), false);
    await assert.rejects(fetch(`${url}/info/refs?service=git-upload-pack`));
  });
});
