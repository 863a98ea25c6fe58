import * as assert from 'node:assert/strict';
import { parseNameStatus, parseStatus } from '../../../../src/core/repo/changes';

describe('git status and diff parsing', () => {
  it('parses porcelain v1 -z entries, renames with their source, untracked files and nested repositories', () => {
    const output = ['R  new name.txt', 'old name.txt', ' D gone.txt', 'MM both.txt', ' M é.txt', 'A  added.txt', 'AD added-then-removed.txt', 'D  staged-delete.txt', 'RD renamed-then-deleted.txt', 'src.txt', '?? untracked dir/file.txt', '?? node_modules/x/index.js', '?? packages/a/dist/out.js', '?? nested/', ''].join('\0');
    assert.deepEqual(parseStatus(output), {
      changes: [
        { kind: 'renamed', from: 'old name.txt', path: 'new name.txt' },
        { kind: 'deleted', path: 'gone.txt' },
        { kind: 'modified', path: 'both.txt' },
        { kind: 'modified', path: 'é.txt' },
        { kind: 'added', path: 'added.txt' },
        { kind: 'deleted', path: 'staged-delete.txt' },
        { kind: 'deleted', path: 'src.txt' },
        { kind: 'added', path: 'untracked dir/file.txt' },
      ],
      nestedRepos: ['nested'],
    });
  });

  it('parses diff --name-status -z, including renames and copies', () => {
    const output = ['M', 'a.txt', 'A', 'b c.txt', 'D', 'd.txt', 'R087', 'from.txt', 'to.txt', 'C100', 'orig.txt', 'copy.txt', 'T', 'link', ''].join('\0');
    assert.deepEqual(parseNameStatus(output), [
      { kind: 'modified', path: 'a.txt' },
      { kind: 'added', path: 'b c.txt' },
      { kind: 'deleted', path: 'd.txt' },
      { kind: 'renamed', from: 'from.txt', path: 'to.txt' },
      { kind: 'added', path: 'copy.txt' },
      { kind: 'modified', path: 'link' },
    ]);
  });

  it('an empty status is no change', () => {
    assert.deepEqual(parseStatus(''), { changes: [], nestedRepos: [] });
    assert.deepEqual(parseNameStatus(''), []);
  });
});
