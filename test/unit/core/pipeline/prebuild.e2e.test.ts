import * as assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { git } from '../../../support/git';
import { eventually, fetchText, useStack } from './harness';

const KEPT = 'Kept the installed dependencies for the next sandbox';
const REUSED = 'reused the dependencies installed before';

describe('Prebuilds: installed dependencies reused by a new sandbox of the same repository (local backend)', function () {
  this.timeout(300_000);
  const { stack, copy } = useStack();

  it('a new branch with the same lockfile extracts them instead of installing; a changed lockfile installs', async () => {
    const wc = await copy('express');
    const branch = async (name: string): Promise<void> => {
      await git(wc.dir, ['checkout', '-q', '-b', name]);
      await git(wc.dir, [...stack().git.authArgs(), 'push', '-q', 'origin', `HEAD:refs/heads/${name}`]);
    };
    const first = await stack().preview(wc.dir);
    assert.equal(first.installSkipped, false);
    await eventually(() => stack().logs.some((l) => l.startsWith(KEPT)), 60_000);

    await branch('feature');
    stack().logs.length = 0;
    const second = await stack().preview(wc.dir);
    assert.notEqual(second.preview.info.sandboxId, first.preview.info.sandboxId, 'a new branch gets its own sandbox');
    assert.equal(second.installSkipped, true);
    assert.ok(stack().logs.some((l) => l.includes(REUSED)), 'the second sandbox installed again');
    assert.match((await fetchText(second.previewUrl)).text, /Forge fixture: express/);

    // The same dependencies, a different lockfile: a real install.
    await branch('lockfile-changed');
    const lockPath = path.join(wc.dir, 'package-lock.json');
    const lock = JSON.parse(await readFile(lockPath, 'utf8')) as Record<string, unknown>;
    await writeFile(lockPath, `${JSON.stringify({ ...lock, name: 'fixture-express-renamed' }, null, 2)}\n`);
    await git(wc.dir, ['commit', '-qam', 'lockfile changed']);
    await git(wc.dir, [...stack().git.authArgs(), 'push', '-q', 'origin', 'HEAD:refs/heads/lockfile-changed']);
    stack().logs.length = 0;
    const third = await stack().preview(wc.dir);
    assert.equal(third.installSkipped, false, 'a changed lockfile reused a prebuild');
    assert.ok(!stack().logs.some((l) => l.includes(REUSED)));
    assert.match((await fetchText(third.previewUrl)).text, /Forge fixture: express/);
  });
});
