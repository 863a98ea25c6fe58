import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createSyncFilter } from '../../../../src/core/sync/syncFilter';
import { git } from '../../../support/git';

// Which changed paths may travel: the same answers with git (check-ignore) and without it (.gitignore files).
describe('sync filter: ignored files, dependencies and escaping paths stay home', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'forge-sync-filter-'));
    await writeFile(path.join(dir, '.gitignore'), '.env\nsecret/\n*.log\n!keep.log\n');
    await mkdir(path.join(dir, 'web'), { recursive: true });
    await writeFile(path.join(dir, 'web', '.gitignore'), 'local.txt\n');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const paths = ['src/a.js', '.env', 'secret/key', 'x.log', 'keep.log', 'web/local.txt', 'web/page.js', 'node_modules/p/i.js', '.git/HEAD', 'dist/app.js', '../outside', '/etc/passwd'];
  const expectedKeep = ['src/a.js', 'keep.log', 'web/page.js'];

  for (const withGit of [true, false]) {
    it(`${withGit ? 'in a git repository' : 'in a folder without git'}: keeps only what the upload would`, async () => {
      if (withGit) await git(dir, ['init', '-q']);
      const result = await createSyncFilter(dir, []).filter(paths);
      assert.deepEqual([...result.keep].sort(), [...expectedKeep].sort());
      assert.equal(result.dropped.length, paths.length - expectedKeep.length);
      assert.match(result.dropped.find((d) => d.path === '../outside')?.reason ?? '', /leaves the repository/);
    });
  }

  it('forge.sync.includeIgnored opts files and folders in, but never node_modules or .git', async () => {
    await git(dir, ['init', '-q']);
    const result = await createSyncFilter(dir, ['.env', './secret/', 'node_modules']).filter(['.env', 'secret/key', 'node_modules/p/i.js', 'x.log']);
    assert.deepEqual([...result.keep].sort(), ['.env', 'secret/key']);
  });

  it('a tracked file matching an ignore rule still travels (git only ignores untracked files)', async () => {
    await git(dir, ['init', '-q']);
    await writeFile(path.join(dir, 'tracked.log'), 'x\n');
    await git(dir, ['add', '-f', 'tracked.log']);
    const result = await createSyncFilter(dir, []).filter(['tracked.log', 'other.log']);
    assert.deepEqual(result.keep, ['tracked.log']);
  });
});
