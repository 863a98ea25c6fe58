// The toolbox's pure parts: log markers, path normalisation, porcelain parsing, git error mapping, URLs.
import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withPreload } from '../../../../src/local/runner/env';
import { findToolchains } from '../../../../src/local/runner/toolchains';
import { CommandLog, demuxLog } from '../../../../src/local/toolbox/process/commandLog';
import { parseState, wrapForState } from '../../../../src/local/toolbox/process/shellState';
import { toInsidePath } from '../../../../src/local/toolbox/paths';
import { parsePorcelainV2 } from '../../../../src/local/toolbox/git/status';
import { gitError } from '../../../../src/local/toolbox/git/gitErrors';
import { cleanCloneUrl } from '../../../../src/local/toolbox/git/cloneUrl';

describe('local toolbox: building blocks', () => {
  it('marks every line, and a line continued after the other stream wrote', () => {
    const dir = mkdtempSync(join(tmpdir(), 'forge-log-'));
    try {
      const log = new CommandLog(join(dir, 'c.log'));
      const events: number[] = [];
      log.on('data', (offset) => events.push(offset));
      log.write('stdout', Buffer.from('one\ntw'));
      log.write('stderr', Buffer.from('err\n'));
      log.write('stdout', Buffer.from('o\nthree'));
      log.end();
      const raw = readFileSync(join(dir, 'c.log'));
      assert.equal(raw.toString('latin1'), '\x01\x01\x01one\n\x01\x01\x01tw\x02\x02\x02err\n\x01\x01\x01o\n\x01\x01\x01three\n');
      assert.deepEqual(demuxLog(raw), { stdout: 'one\ntwo\nthree\n', stderr: 'err\n' });
      assert.equal(log.size, raw.length);
      assert.equal(events[0], 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('normalises sandbox paths: relative to the home, `..` resolved, empty refused', () => {
    assert.equal(toInsidePath('app/src', '/home/daytona'), '/home/daytona/app/src');
    assert.equal(toInsidePath('.', '/home/daytona'), '/home/daytona');
    assert.equal(toInsidePath('../../etc/passwd', '/home/daytona'), '/etc/passwd');
    assert.equal(toInsidePath('/home/daytona/a/../b/', '/home/daytona'), '/home/daytona/b');
    assert.throws(() => toInsidePath(' ', '/home/daytona'), /path is empty/);
  });

  it('reads a session shell state and wraps commands so fd 3 carries it', () => {
    const state = parseState(Buffer.from('/home/daytona/app\nA=1\0SHLVL=3\0B=x=y\0'));
    assert.deepEqual(state, { cwd: '/home/daytona/app', env: { A: '1', B: 'x=y' } });
    assert.equal(parseState(Buffer.from('')), undefined);
    assert.match(wrapForState('echo hi'), /^trap .* EXIT\n\{ echo hi\n\} 3>&-\n$/);
  });

  it('parses porcelain v2 with branch, upstream, renames, untracked and conflicts', () => {
    const out = [
      '# branch.oid 0123',
      '# branch.head main',
      '# branch.upstream origin/main',
      '# branch.ab +2 -1',
      '1 M. N... 100644 100644 100644 aaa bbb staged.txt',
      '1 .M N... 100644 100644 100644 aaa bbb with space.txt',
      '2 R. N... 100644 100644 100644 aaa bbb R100 new-name.txt',
      'old-name.txt',
      'u UU N... 100644 100644 100644 100644 a b c both.txt',
      '? fresh.txt',
      '',
    ].join('\0');
    assert.deepEqual(parsePorcelainV2(out), {
      currentBranch: 'main',
      upstream: 'origin/main',
      branchPublished: true,
      ahead: 2,
      behind: 1,
      fileStatus: [
        { name: 'staged.txt', staging: 'Modified', worktree: 'Unmodified', extra: '' },
        { name: 'with space.txt', staging: 'Unmodified', worktree: 'Modified', extra: '' },
        { name: 'new-name.txt', staging: 'Renamed', worktree: 'Unmodified', extra: 'old-name.txt' },
        { name: 'both.txt', staging: 'Updated but unmerged', worktree: 'Updated but unmerged', extra: '' },
        { name: 'fresh.txt', staging: 'Untracked', worktree: 'Untracked', extra: '' },
      ],
    });
    assert.equal(parsePorcelainV2('# branch.head (detached)\0').detached, true);
  });

  it('maps git messages onto daemon codes and scrubs the secret', () => {
    const cases: [string, string, number][] = [
      ["fatal: Authentication failed for 'https://github.com/o/r.git/'", 'GIT_AUTH_FAILED', 401],
      ["fatal: could not read Username for 'https://github.com': terminal prompts disabled", 'GIT_AUTH_FAILED', 401],
      ['remote: Repository not found.\nfatal: repository not found', 'GIT_REPO_NOT_FOUND', 404],
      ['warning: Could not find remote branch x to clone.\nfatal: Remote branch x not found in upstream origin', 'GIT_BRANCH_NOT_FOUND', 404],
      ["fatal: a branch named 'topic' already exists", 'GIT_BRANCH_EXISTS', 409],
      [' ! [rejected]        main -> main (fetch first)\nerror: failed to push some refs', 'GIT_PUSH_REJECTED', 409],
      ['error: Your local changes to the following files would be overwritten by merge', 'GIT_DIRTY_WORKTREE', 409],
      ['CONFLICT (content): Merge conflict in a.txt\nAutomatic merge failed; fix conflicts', 'GIT_MERGE_CONFLICT', 409],
      ["fatal: unable to access 'https://nope.invalid/': Could not resolve host: nope.invalid", 'GIT_TRANSPORT_FAILED', 502],
      [' ! [remote rejected] main -> main (pre-receive hook declined)', 'GIT_REMOTE_REJECTED', 422],
    ];
    for (const [stderr, code, status] of cases) {
      const err = gitError('git op', stderr);
      assert.deepEqual([err.code, err.statusCode], [code, status], stderr);
    }
    assert.ok(!gitError('git clone', 'fatal: bad token s3cr3t-value', ['s3cr3t-value']).message.includes('s3cr3t-value'));
  });

  it('keeps credentials out of clone URLs', () => {
    assert.deepEqual(cleanCloneUrl('https://user:tok%40en@github.com/o/r.git'), { url: 'https://github.com/o/r.git', embedded: { username: 'user', password: 'tok@en' } });
    assert.deepEqual(cleanCloneUrl('github.com/o/r'), { url: 'https://github.com/o/r' });
    assert.deepEqual(cleanCloneUrl('git@github.com:o/r.git'), { url: 'git@github.com:o/r.git' });
    assert.throws(() => cleanCloneUrl('file:///etc'), /unsupported repository URL scheme/);
    assert.throws(() => cleanCloneUrl('ext::sh -c evil'), /./);
  });

  it('puts the preload in front of existing NODE_OPTIONS once, quoted', () => {
    assert.equal(withPreload(undefined, '/run/forge/preload.cjs'), '--require "/run/forge/preload.cjs"');
    assert.equal(withPreload('--max-old-space-size=4096', '/a b/p.cjs'), '--require "/a b/p.cjs" --max-old-space-size=4096');
    const once = withPreload(undefined, '/p.cjs');
    assert.equal(withPreload(once, '/p.cjs'), once);
  });

  it('finds toolchains installed outside /usr (nvm-style prefixes, npm linked into lib)', () => {
    const root = mkdtempSync(join(tmpdir(), 'forge-tools-'));
    try {
      const prefix = join(root, 'nvm/versions/node/v20');
      mkdirSync(join(prefix, 'bin'), { recursive: true });
      mkdirSync(join(prefix, 'lib/node_modules/npm/bin'), { recursive: true });
      writeFileSync(join(prefix, 'bin/node'), '');
      writeFileSync(join(prefix, 'lib/node_modules/npm/bin/npm-cli.js'), '');
      chmodSync(join(prefix, 'bin/node'), 0o755);
      chmodSync(join(prefix, 'lib/node_modules/npm/bin/npm-cli.js'), 0o755);
      symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', join(prefix, 'bin/npm'));
      const found = findToolchains(`${join(prefix, 'bin')}:/usr/bin`, '/usr/bin/node');
      assert.deepEqual(found.binds, [prefix]);
      assert.deepEqual(found.pathEntries, [join(prefix, 'bin')]);
      assert.deepEqual(findToolchains('/usr/bin:/bin', '/usr/bin/node'), { binds: [], pathEntries: [] });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
