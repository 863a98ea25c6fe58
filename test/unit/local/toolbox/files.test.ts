// File routes through the real SDK: every fs operation, binary and large files, multipart edge cases.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DaytonaError, DaytonaFileNotFoundError, DaytonaBadRequestError } from '@daytonaio/sdk';
import { raw } from '../helpers';
import { startSandbox, type SandboxFixture } from './support/sandboxFixture';

describe('local toolbox: files', () => {
  let f: SandboxFixture;

  before(async () => {
    f = await startSandbox();
  });
  after(async () => {
    await f.stop();
  });

  it('reports /home/daytona as home and work dir', async () => {
    assert.equal(await f.sandbox.getUserHomeDir(), '/home/daytona');
    assert.equal(await f.sandbox.getWorkDir(), '/home/daytona');
  });

  it('uploads several files (mkdir -p, overwrite) and downloads them back, relative and absolute paths alike', async () => {
    await f.sandbox.fs.uploadFiles([
      { source: Buffer.from('one'), destination: 'up/deep/one.txt' },
      { source: Buffer.from('two'), destination: '/home/daytona/up/two.txt' },
    ]);
    assert.equal(readFileSync(join(f.home, 'up/deep/one.txt'), 'utf8'), 'one');
    await f.sandbox.fs.uploadFile(Buffer.from('two, again'), 'up/two.txt');
    const results = await f.sandbox.fs.downloadFiles([{ source: 'up/deep/one.txt' }, { source: '/home/daytona/up/two.txt' }]);
    assert.deepEqual(
      results.map((r) => [r.source, r.result?.toString(), r.error]),
      [
        ['up/deep/one.txt', 'one', undefined],
        ['/home/daytona/up/two.txt', 'two, again', undefined],
      ],
    );
  });

  it('round-trips binary content byte for byte', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 * 4 }, (_, i) => i % 256));
    await f.sandbox.fs.uploadFile(bytes, 'bin/all-bytes.bin');
    assert.ok((await f.sandbox.fs.downloadFile('bin/all-bytes.bin')).equals(bytes));
  });

  it('streams a 20 MB file up and down', async () => {
    const big = randomBytes(20 * 1024 * 1024);
    await f.sandbox.fs.uploadFile(big, 'big/blob.bin');
    assert.equal(statSync(join(f.home, 'big/blob.bin')).size, big.length);
    assert.ok((await f.sandbox.fs.downloadFile('big/blob.bin')).equals(big));
  });

  it('answers a missing file with a per-file FILE_NOT_FOUND part and the others intact', async () => {
    await f.sandbox.fs.uploadFile(Buffer.from('here'), 'present.txt');
    const [missing, present] = await f.sandbox.fs.downloadFiles([{ source: 'absent.txt' }, { source: 'present.txt' }]);
    assert.match(missing?.error ?? '', /file not found: \/home\/daytona\/absent\.txt/);
    assert.equal(missing?.errorDetails?.code, 'FILE_NOT_FOUND');
    assert.equal(present?.result?.toString(), 'here');
    await assert.rejects(f.sandbox.fs.downloadFile('absent.txt'), DaytonaFileNotFoundError);
  });

  it('names each download part after the requested path verbatim, even with quotes and non-ASCII', async () => {
    const name = 'odd "name" ünï.txt';
    await f.sandbox.fs.uploadFile(Buffer.from('odd'), name);
    assert.equal((await f.sandbox.fs.downloadFile(name)).toString(), 'odd');
  });

  it('refuses a malformed multipart upload with 400 and a non-multipart one too', async () => {
    const path = `/toolbox/${f.sandbox.id}/files/bulk-upload`;
    const truncated = await raw(f.t.backend, 'POST', path, {
      headers: { 'content-type': 'multipart/form-data; boundary=XYZ' },
      body: '--XYZ\r\nContent-Disposition: form-data; name="files[0].path"\r\n\r\nx.txt\r\n--XYZ\r\nContent-Disposition: form-data; name="files[0].file"; filename="x.txt"\r\n\r\nunterminated',
    });
    assert.equal(truncated.status, 400);
    assert.equal(truncated.json()['source'], 'DAYTONA_DAEMON');
    const notMultipart = await raw(f.t.backend, 'POST', path, { headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(notMultipart.status, 400);
  });

  it('lists a directory (one level, or deeper with depth) with Daytona FileInfo fields', async () => {
    await mkdir(join(f.home, 'listing/sub'), { recursive: true });
    await writeFile(join(f.home, 'listing/a.txt'), 'abc');
    await writeFile(join(f.home, 'listing/sub/b.txt'), 'b');
    const flat = await f.sandbox.fs.listFiles('listing');
    assert.deepEqual(flat.map((e) => [e.name, e.isDir, e.size]), [['a.txt', false, 3], ['sub', true, statSync(join(f.home, 'listing/sub')).size]]);
    const file = flat[0];
    assert.equal(file?.mode, '-rw-r--r--');
    assert.equal(file?.permissions, '0644');
    assert.match(file?.modTime ?? '', /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC$/);
    assert.ok(!Number.isNaN(Date.parse(file?.modifiedAt ?? '')));
    const deep = await f.sandbox.fs.listFiles('/home/daytona/listing', { depth: 2 });
    assert.deepEqual(deep.map((e) => e.path), ['/home/daytona/listing/a.txt', '/home/daytona/listing/sub', '/home/daytona/listing/sub/b.txt']);
    await assert.rejects(f.sandbox.fs.listFiles('listing/a.txt'), DaytonaBadRequestError);
  });

  it('gives file details, creates folders with a mode and sets permissions', async () => {
    await f.sandbox.fs.createFolder('made/a/b', '750');
    assert.equal(statSync(join(f.home, 'made/a/b')).mode & 0o777, 0o750);
    const info = await f.sandbox.fs.getFileDetails('made/a/b');
    assert.equal(info.isDir, true);
    assert.equal(info.name, 'b');
    assert.equal(info.permissions, '0750');
    await f.sandbox.fs.uploadFile(Buffer.from('#!/bin/sh\n'), 'made/run.sh');
    await f.sandbox.fs.setFilePermissions('made/run.sh', { mode: '755' });
    assert.equal(statSync(join(f.home, 'made/run.sh')).mode & 0o777, 0o755);
    await assert.rejects(f.sandbox.fs.getFileDetails('made/nothing'), DaytonaFileNotFoundError);
  });

  it('deletes files, refuses a directory without recursive, and deletes it with recursive', async () => {
    await f.sandbox.fs.uploadFile(Buffer.from('x'), 'gone/x.txt');
    await assert.rejects(f.sandbox.fs.deleteFile('gone'), DaytonaBadRequestError);
    assert.ok(existsSync(join(f.home, 'gone/x.txt')));
    await f.sandbox.fs.deleteFile('gone/x.txt');
    assert.ok(!existsSync(join(f.home, 'gone/x.txt')));
    await f.sandbox.fs.deleteFile('gone', true);
    assert.ok(!existsSync(join(f.home, 'gone')));
    await assert.rejects(f.sandbox.fs.deleteFile('gone'), DaytonaFileNotFoundError);
  });

  it('moves files into new directories', async () => {
    await f.sandbox.fs.uploadFile(Buffer.from('moving'), 'mv/src.txt');
    await f.sandbox.fs.moveFiles('mv/src.txt', '/home/daytona/mv/to/dst.txt');
    assert.ok(!existsSync(join(f.home, 'mv/src.txt')));
    assert.equal(readFileSync(join(f.home, 'mv/to/dst.txt'), 'utf8'), 'moving');
  });

  it('finds text in files (skipping binary ones), searches names by glob and replaces text', async () => {
    await f.sandbox.fs.uploadFiles([
      { source: Buffer.from('alpha\nneedle here\nomega\n'), destination: 'search/a.ts' },
      { source: Buffer.from('no match\n'), destination: 'search/sub/b.ts' },
      { source: Buffer.from('needle again\n'), destination: 'search/sub/c.md' },
      { source: Buffer.concat([Buffer.from('needle'), Buffer.from([0, 1, 2])]), destination: 'search/blob.bin' },
    ]);
    const found = await f.sandbox.fs.findFiles('search', 'needle');
    assert.deepEqual(
      found.map((m) => [m.file, m.line, m.content]).sort(),
      [
        ['/home/daytona/search/a.ts', 2, 'needle here'],
        ['/home/daytona/search/sub/c.md', 1, 'needle again'],
      ],
    );
    const byName = await f.sandbox.fs.searchFiles('search', '*.ts');
    assert.deepEqual(byName.files.sort(), ['/home/daytona/search/a.ts', '/home/daytona/search/sub/b.ts']);
    const byPath = await f.sandbox.fs.searchFiles('search', 'sub/**/*.md');
    assert.deepEqual(byPath.files, ['/home/daytona/search/sub/c.md']);
    const replaced = await f.sandbox.fs.replaceInFiles(['search/a.ts', 'search/missing.ts'], 'needle', 'pin');
    assert.deepEqual(replaced.map((r) => [r.file, r.success]), [['search/a.ts', true], ['search/missing.ts', false]]);
    assert.equal(readFileSync(join(f.home, 'search/a.ts'), 'utf8'), 'alpha\npin here\nomega\n');
  });

  it('answers unknown toolbox routes in the daemon error shape', async () => {
    const answer = await raw(f.t.backend, 'GET', `/toolbox/${f.sandbox.id}/no/such/route`);
    assert.equal(answer.status, 404);
    const body = answer.json();
    assert.equal(body['source'], 'DAYTONA_DAEMON');
    assert.equal(body['path'], '/no/such/route');
    assert.equal(body['method'], 'GET');
    assert.ok(typeof body['timestamp'] === 'string');
    await assert.rejects(f.sandbox.fs.getFileDetails(''), DaytonaError);
  });
});
