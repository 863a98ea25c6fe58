import * as assert from 'node:assert/strict';
import { parseRef, refLabel, remoteRefName } from '../../../../src/core/refs/refName';
import { parseLsRemote } from '../../../../src/core/refs/remoteRefs';
import { withTitles } from '../../../../src/core/refs/pullTitles';
import { ForgeError } from '../../../../src/common/errors';

describe('--ref: branch, pull request or commit', () => {
  it('reads pull/N, pr/N and #N as pull requests, hex ids as commits, the rest as branches', () => {
    assert.deepEqual(parseRef('pull/7'), { kind: 'pull', number: 7 });
    assert.deepEqual(parseRef('PR/12'), { kind: 'pull', number: 12 });
    assert.deepEqual(parseRef('#3'), { kind: 'pull', number: 3 });
    assert.deepEqual(parseRef('ABCDEF1'), { kind: 'commit', sha: 'abcdef1' });
    assert.deepEqual(parseRef('feature/x'), { kind: 'branch', name: 'feature/x' });
    assert.deepEqual(parseRef('refs/heads/deadbeef'), { kind: 'branch', name: 'deadbeef' });
    assert.equal(remoteRefName(parseRef('pull/7')), 'refs/pull/7/head');
    assert.equal(refLabel(parseRef('0123456789abcdef0123456789abcdef01234567')), '0123456789ab');
  });

  it('refuses names git would refuse, with the reason', () => {
    for (const bad of ['', '-x', 'a b', 'a..b', 'a:b', 'x.lock', '.hidden', 'a/.b', 'a\u0001b']) {
      assert.throws(() => parseRef(bad), (error: unknown) => error instanceof ForgeError && error.code === 'bad-setting', bad);
    }
  });

  it('parses ls-remote --symref output: default branch, branches, pull heads newest first', () => {
    const sha = (c: string): string => c.repeat(40);
    const out = `ref: refs/heads/main\tHEAD\n${sha('a')}\tHEAD\n${sha('a')}\trefs/heads/main\n${sha('b')}\trefs/heads/feature/x\n${sha('c')}\trefs/pull/2/head\n${sha('d')}\trefs/pull/10/head\n${sha('e')}\trefs/pull/10/merge\n`;
    const refs = parseLsRemote(out);
    assert.equal(refs.defaultBranch, 'main');
    assert.deepEqual(refs.branches, [{ name: 'main', sha: sha('a') }, { name: 'feature/x', sha: sha('b') }]);
    assert.deepEqual(refs.pulls.map((p) => p.number), [10, 2]);
  });

  it('with API titles keeps only the open pull requests; without, every refs/pull head', () => {
    const pulls = [{ number: 10, sha: 'x' }, { number: 2, sha: 'y' }];
    assert.deepEqual(withTitles(pulls, new Map([[2, 'Fix it']])), [{ number: 2, sha: 'y', title: 'Fix it' }]);
    assert.deepEqual(withTitles(pulls, undefined), pulls);
  });
});
