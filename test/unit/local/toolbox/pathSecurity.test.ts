// Paths that try to leave the sandbox: refused with a 4xx, and nothing outside is read, written or deleted.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DaytonaError, DaytonaFileAccessDeniedError } from '@daytonaio/sdk';
import { startSandbox, type SandboxFixture } from './support/sandboxFixture';

/** A 4xx daemon error: the SDK's DaytonaError with a client-error status. */
async function refused(call: Promise<unknown>): Promise<void> {
  await assert.rejects(call, (err: unknown) => {
    assert.ok(err instanceof DaytonaError, `expected a DaytonaError, got ${String(err)}`);
    assert.ok(err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500, `expected a 4xx, got ${String(err.statusCode)}`);
    return true;
  });
}

describe('local toolbox: paths cannot escape the sandbox', () => {
  let f: SandboxFixture;
  let outside: string;
  let secret: string;

  before(async () => {
    f = await startSandbox();
    outside = await mkdtemp(join(tmpdir(), 'forge-outside-'));
    secret = join(outside, 'secret.txt');
    await writeFile(secret, 'host secret');
    symlinkSync(outside, join(f.home, 'link-out'));
    symlinkSync(secret, join(f.home, 'secret-link'));
    symlinkSync(join(outside, 'not-yet.txt'), join(f.home, 'dangling-out'));
  });
  after(async () => {
    await f.stop();
    await rm(outside, { recursive: true, force: true });
  });

  const escapes = ['../../etc/passwd', '/etc/passwd', '/root', '/home/daytona/../../etc/hostname', '/home/daytonaX/file'];

  for (const path of escapes) {
    it(`refuses ${path} for read, info, list, write and delete`, async () => {
      const [download] = await f.sandbox.fs.downloadFiles([{ source: path }]);
      assert.equal(download?.errorDetails?.code, 'FILE_ACCESS_DENIED');
      await assert.rejects(f.sandbox.fs.getFileDetails(path), DaytonaFileAccessDeniedError);
      await refused(f.sandbox.fs.listFiles(path));
      await refused(f.sandbox.fs.uploadFile(Buffer.from('pwned'), `${path}/x`));
      await refused(f.sandbox.fs.deleteFile(path, true));
      await refused(f.sandbox.fs.findFiles(path, 'root'));
      await refused(f.sandbox.fs.createFolder(`${path}/d`, '755'));
    });
  }

  it('refuses reading and writing through a symlink that points outside, and keeps the host file intact', async () => {
    const [viaFile] = await f.sandbox.fs.downloadFiles([{ source: 'secret-link' }]);
    assert.equal(viaFile?.result, undefined);
    assert.equal(viaFile?.errorDetails?.code, 'FILE_ACCESS_DENIED');
    const [viaDir] = await f.sandbox.fs.downloadFiles([{ source: 'link-out/secret.txt' }]);
    assert.equal(viaDir?.errorDetails?.code, 'FILE_ACCESS_DENIED');
    await refused(f.sandbox.fs.uploadFile(Buffer.from('pwned'), 'link-out/secret.txt'));
    await refused(f.sandbox.fs.uploadFile(Buffer.from('pwned'), 'secret-link'));
    await refused(f.sandbox.fs.uploadFile(Buffer.from('pwned'), 'dangling-out'));
    await refused(f.sandbox.fs.uploadFile(Buffer.from('pwned'), 'link-out/new.txt'));
    await refused(f.sandbox.fs.listFiles('link-out'));
    await refused(f.sandbox.fs.replaceInFiles(['secret-link'], 'host', 'pwned').then((r) => (r[0]?.success ? r : Promise.reject(new DaytonaError('refused', 403)))));
    await refused(f.sandbox.fs.moveFiles('up-nothing', 'link-out/moved'));
    await refused(f.sandbox.fs.setFilePermissions('secret-link', { mode: '777' }));
    assert.equal(readFileSync(secret, 'utf8'), 'host secret');
    assert.deepEqual(await readdir(outside), ['secret.txt']);
  });

  it('deletes a symlink itself, never what it points to', async () => {
    symlinkSync(outside, join(f.home, 'link-to-delete'));
    await f.sandbox.fs.deleteFile('link-to-delete', true);
    assert.ok(!existsSync(join(f.home, 'link-to-delete')));
    assert.equal(readFileSync(secret, 'utf8'), 'host secret');
  });

  it('does not walk into outside symlinks when searching, and lists the links without following them', async () => {
    const found = await f.sandbox.fs.findFiles('.', 'host secret');
    assert.deepEqual(found, []);
    const names = await f.sandbox.fs.searchFiles('.', '*.txt');
    assert.ok(names.files.every((p) => p.startsWith('/home/daytona/') && !p.includes('link-out')), names.files.join(','));
    const listing = await f.sandbox.fs.listFiles('.');
    const link = listing.find((e) => e.name === 'secret-link');
    assert.ok(link, 'the link is listed');
    assert.notEqual(link.size, 'host secret'.length);
  });

  it('refuses an escaping cwd for commands and an escaping git path', async () => {
    await refused(f.sandbox.process.executeCommand('pwd', '/etc'));
    await refused(f.sandbox.process.executeCommand('pwd', 'link-out'));
    await refused(f.sandbox.git.status('../..'));
    await refused(f.sandbox.git.clone('http://127.0.0.1:9/x.git', '../../tmp/forge-clone-escape'));
    assert.ok(!existsSync('/tmp/forge-clone-escape'));
  });
});
