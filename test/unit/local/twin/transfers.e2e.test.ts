// Faithful twin, point 10 (a): Daytona v0.190's daemon clones in full (depth ignored), so a clone could outlive
// Forge's 120 s request ceiling, and the retried clone then met 409 "already exists". Forge now gives clones their
// own, longer ceiling, sends upload batches of at most 8 MB (a smaller request to lose and resend), and makes a
// clone idempotent (a partial folder is removed, a complete checkout counts as done).
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { Daytona, Sandbox } from '@daytonaio/sdk';
import { createDaytonaClient } from '../../../../src/daytona/connection';
import { fetchText, useStack } from '../../core/pipeline/harness';

/** Records the bytes of every upload batch the sandboxes of `client` send. */
function recordBatches(client: Daytona): number[] {
  const batches: number[] = [];
  const spy = (sandbox: Sandbox): Sandbox => {
    const upload = sandbox.fs.uploadFiles.bind(sandbox.fs);
    sandbox.fs.uploadFiles = (files, timeout) => {
      batches.push(files.reduce((sum, f) => sum + (Buffer.isBuffer(f.source) ? f.source.length : 0), 0));
      return upload(files, timeout);
    };
    return sandbox;
  };
  const create = client.create.bind(client);
  const get = client.get.bind(client);
  client.create = (async (...args: Parameters<typeof create>) => spy(await create(...args)));
  client.get = async (...args) => spy(await get(...args));
  return batches;
}

describe('Twin: long clones and uploads', function () {
  this.timeout(240_000);
  const { stack, copy } = useStack();
  afterEach(() => stack().backend.faults.clear());

  it('lets a clone take longer than the request ceiling, and sends it once', async () => {
    const wc = await copy('express');
    // A 4 s ceiling for ordinary calls; every clone answers after 6 s (a large repository).
    const daytona = createDaytonaClient({ kind: 'local', apiUrl: stack().backend.apiUrl, apiKey: stack().backend.apiKey, requestTimeoutMs: 4_000, transferTimeoutMs: 60_000 });
    stack().backend.faults.add({ method: 'POST', path: '/git/clone$', effect: { kind: 'pass' }, delayMs: 6_000, times: 'always' });
    const before = (stack().backend.requests ?? []).length;
    const outcome = await stack().preview(wc.dir, { daytona });
    assert.match((await fetchText(outcome.previewUrl)).text, /Forge fixture: express/);
    const clones = (stack().backend.requests ?? []).slice(before).filter((r) => r.method === 'POST' && r.path.endsWith('/git/clone'));
    assert.equal(clones.length, 1, 'one clone, not a retried one');
    await outcome.preview.sandbox.delete();
  });

  it('uploads local changes in batches of at most 8 MB', async () => {
    const wc = await copy('express');
    for (const name of ['a.bin', 'b.bin', 'c.bin']) await writeFile(path.join(wc.dir, name), randomBytes(5 * 1024 * 1024));
    const daytona = createDaytonaClient({ kind: 'local', apiUrl: stack().backend.apiUrl, apiKey: stack().backend.apiKey });
    const batches = recordBatches(daytona);
    const outcome = await stack().preview(wc.dir, { daytona });
    assert.ok(batches.reduce((a, b) => a + b, 0) >= 15 * 1024 * 1024, `all three files went up: ${batches.join(', ')}`);
    for (const bytes of batches) assert.ok(bytes <= 8 * 1024 * 1024, `a batch of ${bytes} bytes`);
    await outcome.preview.sandbox.delete();
  });

  it('removes a partial clone that a retried clone meets (409 "already exists") and clones again', async () => {
    const wc = await copy('express');
    const first = await stack().preview(wc.dir);
    const repoPath = first.preview.info.repoPath;
    // What an interrupted clone leaves: a .git folder with no usable repository in it.
    const broken = await first.preview.sandbox.process.executeCommand(`rm -rf '${repoPath}' && mkdir -p '${repoPath}/.git' && echo partial > '${repoPath}/.git/HEAD'`);
    assert.equal(broken.exitCode, 0, broken.result);
    const second = await stack().preview(wc.dir);
    assert.equal(second.preview.info.sandboxId, first.preview.info.sandboxId);
    assert.match((await fetchText(second.previewUrl)).text, /Forge fixture: express/);
    assert.ok(stack().logs.some((l) => l.includes('Removing the partial clone')), 'the partial clone was removed');
    await second.preview.sandbox.delete();
  });
});
