import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { listChangesSince, listUnpushedChanges, readRepoFacts } from '../../../../src/core/repo/facts';
import { ForgeError } from '../../../../src/common/errors';
import type { LocalChange } from '../../../../src/core/types';
import type { Logger } from '../../../../src/common/logger';
import { makeWorkingCopy, type WorkingCopy } from '../../../support/fixtureRepo';
import { git } from '../../../support/git';
import { startGitServer, type GitServer } from '../../../support/gitServer';

const TOKEN = 'test-token-facts';

function sorted(changes: readonly LocalChange[]): LocalChange[] {
  return [...changes].sort((a, b) => a.path.localeCompare(b.path));
}

function recordingLogger(lines: string[]): Logger {
  const push = (message: string | Error): void => {
    lines.push(String(message));
  };
  return { trace: push, debug: push, info: push, warn: push, error: push };
}

describe('readRepoFacts', () => {
  let server: GitServer;
  const copies: WorkingCopy[] = [];
  const temps: string[] = [];
  const copy = async (...args: Parameters<typeof makeWorkingCopy>): Promise<WorkingCopy> => {
    const made = await makeWorkingCopy(...args);
    copies.push(made);
    return made;
  };
  const tempDir = async (): Promise<string> => {
    const dir = await mkdtemp(path.join(tmpdir(), 'forge-facts-'));
    temps.push(dir);
    return dir;
  };

  before(async () => {
    server = await startGitServer({ token: TOKEN });
  });
  after(async () => {
    await Promise.all(copies.map((c) => c.cleanup()));
    await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
    await server.close();
  });

  it('a clean, pushed repository: clone URL on the GitHub host, HEAD pushed, no changes', async () => {
    const wc = await copy('express', { gitServer: server });
    const facts = await readRepoFacts(wc.dir, { githubHost: server.baseUrl });
    assert.equal(facts.isGit, true);
    assert.equal(facts.root, wc.dir);
    assert.equal(facts.cloneUrl, wc.cloneUrl);
    assert.equal(facts.slug, wc.slug);
    assert.equal(facts.host, new URL(server.baseUrl).host);
    assert.equal(facts.onGithubHost, true);
    assert.equal(facts.branch, 'main');
    assert.equal(facts.head, wc.pushedCommit);
    assert.equal(facts.headPushed, true);
    assert.equal(facts.upstreamCommit, wc.pushedCommit);
    assert.equal(facts.upstreamBranch, 'main');
    assert.deepEqual(facts.changes, []);
  });

  it('reads the repository root from a subfolder', async () => {
    const wc = await copy('vite-react', { gitServer: server });
    const facts = await readRepoFacts(path.join(wc.dir, 'src'), { githubHost: server.baseUrl });
    assert.equal(facts.root, wc.dir);
  });

  it('lists uncommitted edits, new files and deletions, but not ignored files', async () => {
    const wc = await copy('vite-react', {
      gitServer: server,
      localChanges: { edit: { 'index.html': '<h1>edited</h1>' }, untracked: { 'src/New.jsx': 'export {};', 'notes/deep/a.txt': 'a', '.env': 'SECRET=1' }, delete: ['vite.config.js'] },
    });
    await writeFile(path.join(wc.dir, '.gitignore'), 'node_modules/\ndist/\n.env\n');
    const facts = await readRepoFacts(wc.dir, { githubHost: server.baseUrl });
    assert.equal(facts.headPushed, true);
    assert.deepEqual(sorted(facts.changes), [
      { kind: 'modified', path: '.gitignore' },
      { kind: 'modified', path: 'index.html' },
      { kind: 'added', path: 'notes/deep/a.txt' },
      { kind: 'added', path: 'src/New.jsx' },
      { kind: 'deleted', path: 'vite.config.js' },
    ]);
  });

  it('never lists dependencies or build output that .gitignore forgot', async () => {
    const wc = await copy('plain-node', { gitServer: server, localChanges: { untracked: { 'node_modules/dep/index.js': 'x', 'dist/out.js': 'x', 'src/kept.js': 'x' } } });
    const facts = await readRepoFacts(wc.dir, { githubHost: server.baseUrl });
    assert.deepEqual(facts.changes, [{ kind: 'added', path: 'src/kept.js' }]);
    assert.deepEqual(await listChangesSince(facts, wc.pushedCommit ?? ''), [{ kind: 'added', path: 'src/kept.js' }]);
  });

  it('reports a staged rename as a rename', async () => {
    const wc = await copy('express', { gitServer: server });
    await git(wc.dir, ['mv', 'server.js', 'app.js']);
    const facts = await readRepoFacts(wc.dir, { githubHost: server.baseUrl });
    assert.deepEqual(facts.changes, [{ kind: 'renamed', from: 'server.js', path: 'app.js' }]);
  });

  it('an unpushed commit: HEAD not pushed, upstream is the pushed commit, the upload covers commit and edits', async () => {
    const wc = await copy('vite-react', {
      gitServer: server,
      localChanges: { unpushed: { 'src/Feature.jsx': 'export const x = 1;', 'index.html': '<h1>committed</h1>' }, edit: { 'src/App.jsx': 'export function App() { return null; }' }, untracked: { 'todo.md': '- x' } },
    });
    const facts = await readRepoFacts(wc.dir, { githubHost: server.baseUrl });
    assert.equal(facts.headPushed, false);
    assert.notEqual(facts.head, wc.pushedCommit);
    assert.equal(facts.upstreamCommit, wc.pushedCommit);
    assert.equal(facts.upstreamBranch, 'main');
    assert.deepEqual(sorted(facts.changes), [{ kind: 'modified', path: 'src/App.jsx' }, { kind: 'added', path: 'todo.md' }]);
    assert.deepEqual(sorted(await listUnpushedChanges(facts)), [
      { kind: 'modified', path: 'index.html' },
      { kind: 'modified', path: 'src/App.jsx' },
      { kind: 'added', path: 'src/Feature.jsx' },
      { kind: 'added', path: 'todo.md' },
    ]);
  });

  it('a local branch never pushed: upstream is where it left the default branch', async () => {
    const wc = await copy('express', { gitServer: server });
    await git(wc.dir, ['switch', '-q', '-c', 'feature/login-form']);
    await writeFile(path.join(wc.dir, 'login.js'), 'module.exports = {};\n');
    await git(wc.dir, ['add', 'login.js']);
    await git(wc.dir, ['commit', '-q', '-m', 'login']);
    const facts = await readRepoFacts(wc.dir, { githubHost: server.baseUrl });
    assert.equal(facts.branch, 'feature/login-form');
    assert.equal(facts.headPushed, false);
    assert.equal(facts.upstreamCommit, wc.pushedCommit);
    assert.equal(facts.upstreamBranch, 'main');
    assert.deepEqual(await listUnpushedChanges(facts), [{ kind: 'added', path: 'login.js' }]);
  });

  it('a pushed branch with slashes in its name is its own upstream', async () => {
    const wc = await copy('plain-node', { gitServer: server, branch: 'feature/deep/name' });
    const facts = await readRepoFacts(wc.dir, { githubHost: server.baseUrl });
    assert.equal(facts.branch, 'feature/deep/name');
    assert.equal(facts.headPushed, true);
    assert.equal(facts.upstreamBranch, 'feature/deep/name');
  });

  it('a detached HEAD has no branch but is still pushed', async () => {
    const wc = await copy('plain-node', { gitServer: server });
    await git(wc.dir, ['checkout', '-q', '--detach', 'HEAD']);
    const facts = await readRepoFacts(wc.dir, { githubHost: server.baseUrl });
    assert.equal(facts.branch, undefined);
    assert.equal(facts.head, wc.pushedCommit);
    assert.equal(facts.headPushed, true);
    assert.equal(facts.upstreamCommit, wc.pushedCommit);
  });

  it('a shallow clone', async () => {
    const wc = await copy('express', { gitServer: server, localChanges: { unpushed: { 'second.txt': '2' } } });
    await git(wc.dir, [...server.authArgs(), 'push', '-q', wc.cloneUrl ?? '', 'HEAD:refs/heads/main']);
    const parent = await tempDir();
    await git(parent, [...server.authArgs(), 'clone', '-q', '--depth', '1', wc.cloneUrl ?? '', 'shallow']);
    const dir = path.join(parent, 'shallow');
    assert.equal(await git(dir, ['rev-parse', '--is-shallow-repository']), 'true');
    await writeFile(path.join(dir, 'server.js'), '// edited\n');
    const facts = await readRepoFacts(dir, { githubHost: server.baseUrl });
    assert.equal(facts.headPushed, true);
    assert.equal(facts.upstreamCommit, facts.head);
    assert.equal(facts.cloneUrl, wc.cloneUrl);
    assert.deepEqual(facts.changes, [{ kind: 'modified', path: 'server.js' }]);
  });

  it('paths with spaces and unicode, in the folder and in file names', async () => {
    const wc = await copy('plain-node', { gitServer: server, folderName: 'my app ü', localChanges: { untracked: { 'docs/naïve file.md': 'x', 'ünï côdé.txt': 'y' } } });
    const facts = await readRepoFacts(wc.dir, { githubHost: server.baseUrl });
    assert.equal(facts.root, wc.dir);
    assert.deepEqual(sorted(facts.changes), [
      { kind: 'added', path: 'docs/naïve file.md' },
      { kind: 'added', path: 'ünï côdé.txt' },
    ]);
  });

  it('an SSH remote on the GitHub host maps to its HTTP base URL', async () => {
    const wc = await copy('plain-node', { gitServer: server, remote: 'ssh' });
    const facts = await readRepoFacts(wc.dir, { githubHost: server.baseUrl });
    assert.equal(facts.cloneUrl, wc.cloneUrl);
    assert.equal(facts.onGithubHost, true);
    assert.equal(facts.headPushed, true);
  });

  it('drops credentials found in the remote URL and never logs them', async () => {
    const wc = await copy('plain-node', { remote: 'https://someone:ghp_leaky_secret@github.com/acme/shop.git' });
    const lines: string[] = [];
    const facts = await readRepoFacts(wc.dir, { githubHost: 'github.com', logger: recordingLogger(lines) });
    assert.equal(facts.cloneUrl, 'https://github.com/acme/shop.git');
    assert.equal(facts.onGithubHost, true);
    // Never fetched: nothing known to be on the remote.
    assert.equal(facts.headPushed, false);
    assert.equal(facts.upstreamCommit, undefined);
    assert.ok(lines.some((line) => line.includes('credentials')));
    assert.ok(lines.every((line) => !line.includes('ghp_leaky_secret')));
  });

  it('a non-GitHub remote still gives a clone URL, without the token', async () => {
    const wc = await copy('plain-node', { remote: 'git@gitlab.com:group/app.git' });
    const facts = await readRepoFacts(wc.dir, { githubHost: 'github.com' });
    assert.equal(facts.cloneUrl, 'https://gitlab.com/group/app.git');
    assert.equal(facts.onGithubHost, false);
  });

  it('a local-path remote: no clone URL, a reason', async () => {
    const wc = await copy('plain-node', { remote: '/srv/git/app.git' });
    const facts = await readRepoFacts(wc.dir, { githubHost: 'github.com' });
    assert.equal(facts.cloneUrl, undefined);
    assert.match(facts.remoteProblem ?? '', /local path/);
  });

  it('no remote: facts without a clone URL', async () => {
    const wc = await copy('plain-node', { localChanges: { untracked: { 'extra.txt': 'x' } } });
    const facts = await readRepoFacts(wc.dir, { githubHost: 'github.com' });
    assert.equal(facts.isGit, true);
    assert.equal(facts.cloneUrl, undefined);
    assert.equal(facts.headPushed, false);
    assert.equal(facts.upstreamCommit, undefined);
    assert.equal(facts.remoteProblem, 'the repository has no remote');
    assert.deepEqual(facts.changes, [{ kind: 'added', path: 'extra.txt' }]);
    await assert.rejects(listUnpushedChanges(facts), (error: unknown) => error instanceof ForgeError);
  });

  it('no commits yet: no HEAD, the unborn branch, every file untracked', async () => {
    const dir = await tempDir();
    await git(dir, ['init', '-q', '-b', 'trunk']);
    await writeFile(path.join(dir, 'index.js'), 'console.log(1);\n');
    const facts = await readRepoFacts(dir, { githubHost: 'github.com' });
    assert.equal(facts.isGit, true);
    assert.equal(facts.head, undefined);
    assert.equal(facts.branch, 'trunk');
    assert.equal(facts.headPushed, false);
    assert.deepEqual(facts.changes, [{ kind: 'added', path: 'index.js' }]);
  });

  it('not a repository: isGit false, the folder is the root', async () => {
    const wc = await copy('plain-node', { git: false });
    const facts = await readRepoFacts(wc.dir, { githubHost: 'github.com' });
    assert.deepEqual(facts, { root: wc.dir, isGit: false, headPushed: false, changes: [] });
  });

  it('a folder that does not exist is a ForgeError', async () => {
    await assert.rejects(readRepoFacts('/nonexistent/forge/folder', { githubHost: 'github.com' }), (error: unknown) => error instanceof ForgeError && error.code === 'no-workspace');
  });

  it('submodules and nested repositories are listed as such, not recursed into', async () => {
    const library = await copy('express', { gitServer: server });
    const wc = await copy('plain-node', { gitServer: server });
    await git(wc.dir, ['submodule', 'add', '-q', library.dir, 'vendor/lib']);
    await git(wc.dir, ['commit', '-q', '-m', 'add submodule']);
    await writeFile(path.join(wc.dir, 'vendor/lib/server.js'), '// changed inside the submodule\n');
    const nested = path.join(wc.dir, 'experiments');
    await git(wc.dir, ['init', '-q', 'experiments']);
    await writeFile(path.join(nested, 'x.txt'), 'x');
    const facts = await readRepoFacts(wc.dir, { githubHost: server.baseUrl });
    assert.deepEqual([...(facts.submodules ?? [])].sort(), ['experiments', 'vendor/lib']);
    assert.deepEqual(sorted(facts.changes), []);
    const since = await listChangesSince(facts, wc.pushedCommit ?? '');
    assert.deepEqual(sorted(since), [{ kind: 'added', path: '.gitmodules' }]);
  });
});
