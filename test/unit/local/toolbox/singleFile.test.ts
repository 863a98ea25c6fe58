// The single-file routes older SDKs use (GET /files/download, POST /files/upload), over raw HTTP in the
// daemon's shapes: bytes round-trip, a missing file is 404, a folder 400, a path outside the sandbox 403.
import { strict as assert } from 'node:assert';
import { startSandbox, type SandboxFixture } from './support/sandboxFixture';

describe('local toolbox: single-file download and upload', () => {
  let f: SandboxFixture;
  let base: string;
  const auth = (): Record<string, string> => ({ Authorization: `Bearer ${f.t.backend.apiKey}` });

  before(async () => {
    f = await startSandbox();
    base = `${f.sandbox.toolboxProxyUrl.replace(/\/$/, '')}/${f.sandbox.id}`;
  });
  after(async () => {
    await f?.stop();
  });

  it('uploads one file part to ?path= and downloads the same bytes as an attachment', async () => {
    const bytes = Buffer.from([0, 1, 2, 255, 10, 0x68, 0x69]);
    const form = new FormData();
    form.append('file', new Blob([bytes]), 'ignored-name.bin');
    const up = await fetch(`${base}/files/upload?path=${encodeURIComponent('/home/daytona/dir/säve.bin')}`, { method: 'POST', headers: auth(), body: form });
    assert.equal(up.status, 200, await up.text());
    assert.deepEqual(await f.sandbox.fs.downloadFile('/home/daytona/dir/säve.bin'), bytes);
    const down = await fetch(`${base}/files/download?path=${encodeURIComponent('dir/säve.bin')}`, { headers: auth() });
    assert.equal(down.status, 200);
    assert.equal(down.headers.get('content-type'), 'application/octet-stream');
    assert.match(down.headers.get('content-disposition') ?? '', /^attachment; filename="s_ve\.bin"; filename\*=utf-8''s%C3%A4ve\.bin$/);
    assert.deepEqual(Buffer.from(await down.arrayBuffer()), bytes);
  });

  it('answers 404, 400 and 403 in the daemon error shape', async () => {
    const status = async (url: string, init: RequestInit = {}): Promise<[number, string]> => {
      const res = await fetch(url, { ...init, headers: auth() });
      return [res.status, ((await res.json()) as { code: string }).code];
    };
    assert.deepEqual(await status(`${base}/files/download?path=missing.txt`), [404, 'FILE_NOT_FOUND']);
    assert.deepEqual(await status(`${base}/files/download?path=/home/daytona`), [400, 'INVALID_FILE_PATH']);
    assert.deepEqual(await status(`${base}/files/download?path=/etc/passwd`), [403, 'FILE_ACCESS_DENIED']);
    assert.deepEqual(await status(`${base}/files/download`), [400, 'BAD_REQUEST']);
    const form = new FormData();
    form.append('other', new Blob(['x']), 'x');
    assert.deepEqual(await status(`${base}/files/upload?path=a.txt`, { method: 'POST', body: form }), [400, 'INVALID_REQUEST_BODY']);
    const outside = new FormData();
    outside.append('file', new Blob(['x']), 'x');
    assert.deepEqual(await status(`${base}/files/upload?path=/etc/forge-test`, { method: 'POST', body: outside }), [403, 'FILE_ACCESS_DENIED']);
  });
});
