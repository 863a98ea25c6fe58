// Git routes through the real SDK against a real git server (smart HTTP with Basic auth), both runner modes.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DaytonaGitAuthFailedError, DaytonaGitBranchNotFoundError, DaytonaGitRepoNotFoundError } from '@daytonaio/sdk';
import { git } from '../../../support/git';
import { startGitServer, type GitServer } from '../../../support/gitServer';
import { RUNNER_MODES, skipWithoutBwrap } from './support/isolation';
import { startSandbox, type SandboxFixture } from './support/sandboxFixture';

const USER = 'forge-bot';
const TOKEN = 'ghp_local_test_token_0123456789';

/** Every file under `dir` whose bytes contain `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && statSync(p).size < 50_000_000 && readFileSync(p).includes(needle)) hits.push(p);
    }
  };
  walk(dir);
  return hits;
}

for (const mode of RUNNER_MODES) {
  describe(`local toolbox: git (${mode.label})`, () => {
    let f: SandboxFixture;
    let server: GitServer;
    let work: string;
    let url: string;
    let firstCommit: string;

    before(async function () {
      skipWithoutBwrap(this, mode.isolate);
      server = await startGitServer({ token: TOKEN, user: USER });
      work = await mkdtemp(join(tmpdir(), 'forge-git-work-'));
      await git(work, ['init', '-q', '-b', 'main']);
      await writeFile(join(work, 'README.md'), '# app\n');
      await git(work, ['add', '-A']);
      await git(work, ['commit', '-q', '-m', 'first']);
      firstCommit = await git(work, ['rev-parse', 'HEAD']);
      await writeFile(join(work, 'app.js'), 'console.log(1)\n');
      await git(work, ['add', '-A']);
      await git(work, ['commit', '-q', '-m', 'second']);
      await git(work, ['checkout', '-q', '-b', 'feature']);
      await writeFile(join(work, 'feature.txt'), 'feature\n');
      await git(work, ['add', '-A']);
      await git(work, ['commit', '-q', '-m', 'feature work']);
      await git(work, ['checkout', '-q', 'main']);
      url = await server.createRepo('forge/app', work);
      f = await startSandbox({ isolate: mode.isolate });
    });
    after(async () => {
      await f?.stop();
      await server?.close();
      if (work) await rm(work, { recursive: true, force: true });
    });

    it('clones a private repository with credentials that never reach disk or .git/config', async () => {
      await f.sandbox.git.clone(url, 'repos/app', 'feature', undefined, USER, TOKEN);
      assert.equal(readFileSync(join(f.home, 'repos/app/feature.txt'), 'utf8'), 'feature\n');
      const config = readFileSync(join(f.home, 'repos/app/.git/config'), 'utf8');
      assert.ok(config.includes(`url = ${url}`), config);
      assert.ok(!config.includes(TOKEN) && !config.includes(`${USER}@`), config);
      assert.deepEqual(filesContaining(f.home, TOKEN), []);
      assert.deepEqual(filesContaining(f.runtime, TOKEN), []);
      assert.ok(server.requests.some((r) => r.credentials?.password === TOKEN && r.credentials.username === USER && r.status === 200));
      const status = await f.sandbox.git.status('repos/app');
      assert.equal(status.currentBranch, 'feature');
      assert.deepEqual(status.fileStatus, []);
      assert.equal(status.branchPublished, true);
    });

    it('clones a given commit (detached, like the daemon)', async () => {
      await f.sandbox.git.clone(url, '/home/daytona/repos/at-commit', 'main', firstCommit, USER, TOKEN);
      const head = await f.sandbox.process.executeCommand('git rev-parse HEAD', 'repos/at-commit');
      assert.equal(head.result.trim(), firstCommit);
      assert.equal((await f.sandbox.git.status('repos/at-commit')).detached, true);
    });

    it('clones shallow with depth', async () => {
      await f.sandbox.git.clone(url, 'repos/shallow', 'main', undefined, USER, TOKEN, undefined, 1);
      const count = await f.sandbox.process.executeCommand('git rev-list --count HEAD', 'repos/shallow');
      assert.equal(count.result.trim(), '1');
    });

    it('maps wrong, missing and unknown to the SDK git error classes, leaving nothing behind', async () => {
      await assert.rejects(f.sandbox.git.clone(url, 'repos/bad-token', undefined, undefined, USER, 'wrong-token'), DaytonaGitAuthFailedError);
      await assert.rejects(f.sandbox.git.clone(url, 'repos/no-token'), DaytonaGitAuthFailedError);
      await assert.rejects(f.sandbox.git.clone(`${server.baseUrl}/forge/missing.git`, 'repos/missing', undefined, undefined, USER, TOKEN), DaytonaGitRepoNotFoundError);
      await assert.rejects(f.sandbox.git.clone(url, 'repos/no-branch', 'no-such-branch', undefined, USER, TOKEN), DaytonaGitBranchNotFoundError);
      const left = readdirSync(join(f.home, 'repos'));
      assert.ok(!left.some((d) => ['bad-token', 'no-token', 'missing', 'no-branch'].includes(d)), left.join(','));
      const err = await f.sandbox.git.clone(url, 'repos/bad-token', undefined, undefined, USER, 'wrong-token-abcdef').catch((e: unknown) => e);
      assert.ok(err instanceof Error && !err.message.includes('wrong-token-abcdef'), String(err));
    });

    it('moves credentials embedded in the URL out of .git/config', async () => {
      const embedded = url.replace('http://', `http://${USER}:${TOKEN}@`);
      await f.sandbox.git.clone(embedded, 'repos/embedded');
      const config = readFileSync(join(f.home, 'repos/embedded/.git/config'), 'utf8');
      assert.ok(!config.includes(TOKEN), config);
    });

    it('reports status, lists and creates branches, checks out, adds, commits, pushes and pulls', async () => {
      const repo = 'repos/flow';
      await f.sandbox.git.clone(url, repo, 'main', undefined, USER, TOKEN);
      await f.sandbox.fs.uploadFile(Buffer.from('# app, edited\n'), `${repo}/README.md`);
      await f.sandbox.fs.uploadFile(Buffer.from('new\n'), `${repo}/new.txt`);
      const dirty = await f.sandbox.git.status(repo);
      assert.deepEqual(
        dirty.fileStatus.map((s) => [s.name, s.staging, s.worktree]).sort(),
        [
          ['README.md', 'Unmodified', 'Modified'],
          ['new.txt', 'Untracked', 'Untracked'],
        ],
      );
      await f.sandbox.git.add(repo, ['README.md', 'new.txt']);
      const staged = await f.sandbox.git.status(repo);
      assert.deepEqual(staged.fileStatus.map((s) => [s.name, s.staging]).sort(), [['README.md', 'Modified'], ['new.txt', 'Added']]);
      const { sha } = await f.sandbox.git.commit(repo, 'edit from the sandbox', 'Sandbox User', 'sandbox@example.invalid');
      assert.match(sha, /^[0-9a-f]{40}$/);
      const ahead = await f.sandbox.git.status(repo);
      assert.equal(ahead.ahead, 1);
      await f.sandbox.git.push(repo, USER, TOKEN);
      assert.equal(await git(server.repoDir('forge/app'), ['rev-parse', 'main']), sha);
      assert.equal((await git(server.repoDir('forge/app'), ['log', '-1', '--format=%an <%ae>', 'main'])), 'Sandbox User <sandbox@example.invalid>');

      await f.sandbox.git.createBranch(repo, 'topic');
      const branches = await f.sandbox.git.branches(repo);
      assert.deepEqual(branches.branches.sort(), ['main', 'topic']);
      assert.equal((await f.sandbox.git.status(repo)).currentBranch, 'topic');
      await f.sandbox.git.checkoutBranch(repo, 'main');
      assert.equal((await f.sandbox.git.status(repo)).currentBranch, 'main');
      await assert.rejects(f.sandbox.git.checkoutBranch(repo, 'nope'), DaytonaGitBranchNotFoundError);
      await f.sandbox.git.deleteBranch(repo, 'topic');
      assert.deepEqual((await f.sandbox.git.branches(repo)).branches, ['main']);

      // Someone else pushes; the sandbox pulls it.
      const other = await mkdtemp(join(tmpdir(), 'forge-git-other-'));
      try {
        await git(other, [...server.authArgs(), 'clone', '-q', url, '.']);
        await writeFile(join(other, 'upstream.txt'), 'from upstream\n');
        await git(other, ['add', '-A']);
        await git(other, ['commit', '-q', '-m', 'upstream change']);
        await git(other, [...server.authArgs(), 'push', '-q', 'origin', 'main']);
      } finally {
        await rm(other, { recursive: true, force: true });
      }
      await assert.rejects(f.sandbox.git.pull(repo, USER, 'wrong'), DaytonaGitAuthFailedError);
      await f.sandbox.git.pull(repo, USER, TOKEN);
      assert.equal(readFileSync(join(f.home, repo, 'upstream.txt'), 'utf8'), 'from upstream\n');
      await f.sandbox.git.pull(repo, USER, TOKEN); // already up to date is fine
      assert.deepEqual(filesContaining(f.home, TOKEN), []);
    });

    it('reads and writes config in the sandbox home and lists remotes', async () => {
      await f.sandbox.git.setConfig('user.name', 'Configured Name');
      assert.equal(await f.sandbox.git.getConfig('user.name'), 'Configured Name');
      assert.match(readFileSync(join(f.home, '.gitconfig'), 'utf8'), /Configured Name/);
      const remotes = await f.sandbox.git.remotes('repos/app');
      assert.deepEqual(remotes.remotes, [{ name: 'origin', url }]);
    });
  });
}
