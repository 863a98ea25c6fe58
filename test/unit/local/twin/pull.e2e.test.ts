// Faithful twin, point 7: the daemon's `git pull` is go-git's Worktree.Pull (apps/daemon/pkg/git/pull.go): it
// ignores branch and remote and fast-forwards to the remote's default branch. "Pull Latest and Restart" must
// bring the checkout's own branch another way.
import * as assert from 'node:assert/strict';
import { DaytonaError } from '@daytonaio/sdk';
import { git } from '../../../support/git';
import { TOKEN, useStack } from '../../core/pipeline/harness';

const COMMIT = ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m'];

describe('Twin: go-git pull semantics', function () {
  this.timeout(240_000);
  const { stack, copy } = useStack();

  it('the twin pulls the remote default branch whatever branch is asked for, and refuses a non-fast-forward', async () => {
    const wc = await copy('express');
    const sandbox = await stack().daytona.create();
    try {
      const url = wc.cloneUrl ?? '';
      await sandbox.git.clone(url, 'app', 'main', undefined, 'x-access-token', TOKEN);
      await git(wc.dir, ['checkout', '-q', '-b', 'feature']);
      await git(wc.dir, [...COMMIT, 'on feature']);
      await git(wc.dir, [...stack().git.authArgs(), 'push', '-q', url, 'feature']);
      // Asked for feature: go-git pulls HEAD (main), which has not moved: nothing changes.
      await sandbox.git.pull('app', 'x-access-token', TOKEN);
      const head = await sandbox.process.executeCommand('git -C app rev-parse HEAD');
      assert.equal(head.result.trim(), wc.pushedCommit);
      // The checkout on feature, main behind it: not a fast-forward, a 409.
      await sandbox.process.executeCommand(`git -C app fetch -q ${url.replace('://', `://x-access-token:${TOKEN}@`)} feature && git -C app checkout -q -b feature FETCH_HEAD`);
      const error = await sandbox.git.pull('app', 'x-access-token', TOKEN).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof DaytonaError && error.statusCode === 409, String(error));
    } finally {
      await sandbox.delete();
    }
  });

  it('"Pull Latest and Restart" on a non-default branch brings that branch\'s new commit', async () => {
    const wc = await copy('express');
    const url = wc.cloneUrl ?? '';
    await git(wc.dir, ['checkout', '-q', '-b', 'feature']);
    await git(wc.dir, [...COMMIT, 'feature 1']);
    await git(wc.dir, [...stack().git.authArgs(), 'push', '-q', '-u', url, 'feature']);
    const outcome = await stack().preview(wc.dir);
    await git(wc.dir, [...COMMIT, 'feature 2']);
    await git(wc.dir, [...stack().git.authArgs(), 'push', '-q', url, 'feature']);
    const newest = (await git(wc.dir, ['rev-parse', 'HEAD'])).trim();
    const result = await outcome.preview.pullLatest({
      credentials: { githubHost: stack().git.baseUrl, githubToken: () => Promise.resolve(TOKEN) },
      env: {},
      useCacheVolume: false,
      installTimeoutSeconds: 120,
      signal: new AbortController().signal,
      onLog: () => undefined,
    });
    assert.equal(result.updated, true);
    const head = await outcome.preview.sandbox.process.executeCommand(`git -C ${outcome.preview.info.repoPath.split('/').pop() ?? ''} rev-parse HEAD`);
    assert.equal(head.result.trim(), newest);
    await outcome.preview.sandbox.delete();
  });
});
