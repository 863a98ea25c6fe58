// Faithful twin, point 10 (c): Daytona's daemon writes an uploaded file in place (`os.Create`, which truncates the
// existing file, then `io.Copy` from the request: apps/daemon/pkg/toolbox/fs/upload_files.go, and gin's
// `SaveUploadedFile` in upload_file.go). The twin used to write a temp file and rename it over the target, which
// is kinder: a watcher never saw a half-written file, and hard links were silently broken apart.
import { strict as assert } from 'node:assert';
import { chmod, link, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startSandbox, type SandboxFixture } from '../toolbox/support/sandboxFixture';

describe('Twin: uploads overwrite in place', () => {
  let f: SandboxFixture;
  before(async () => {
    f = await startSandbox();
  });
  after(() => f.stop());

  it('keeps the inode, hard links and mode of the file it overwrites, and truncates it', async () => {
    const file = join(f.home, 'config.js');
    await writeFile(file, 'module.exports = { a: "a long original content" };\n');
    await chmod(file, 0o600);
    await link(file, join(f.home, 'config.link.js'));
    const before = await stat(file);
    await f.sandbox.fs.uploadFile(Buffer.from('short\n'), 'config.js');
    const after = await stat(file);
    assert.equal(after.ino, before.ino, 'the same file, not a renamed replacement');
    assert.equal(after.mode & 0o777, 0o600);
    assert.equal(await readFile(join(f.home, 'config.link.js'), 'utf8'), 'short\n', 'the hard link sees the new content');
  });

  it('writes through a symlink that stays inside the sandbox, like os.Create', async () => {
    await writeFile(join(f.home, 'real.txt'), 'old');
    await symlink('real.txt', join(f.home, 'alias.txt'));
    await f.sandbox.fs.uploadFiles([{ source: Buffer.from('new'), destination: 'alias.txt' }]);
    assert.equal(await readFile(join(f.home, 'real.txt'), 'utf8'), 'new');
    assert.ok((await stat(join(f.home, 'alias.txt'))).isFile());
  });
});
