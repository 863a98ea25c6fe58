// Faithful twin, point 8: Daytona answers a create over the organisation's quota with 400 "Total CPU limit
// exceeded…" (apps/api sandbox.service.ts); its real 403s mean other things (a suspended organisation).
import * as assert from 'node:assert/strict';
import { ForgeError } from '../../../../src/common/errors';
import { useStack } from '../../core/pipeline/harness';

describe('Twin: quota is a 400, a 403 is not quota', function () {
  this.timeout(120_000);
  const { stack, copy } = useStack();
  afterEach(() => stack().backend.faults.clear());

  it('maps the 400 quota answer to the quota message and hint, and leaves no sandbox', async () => {
    const wc = await copy('express');
    const before = await stack().sandboxes();
    stack().backend.faults.add({ method: 'POST', path: '^/api/sandbox$', effect: { kind: 'quota' } });
    await assert.rejects(stack().preview(wc.dir), (error: unknown) => {
      assert.ok(error instanceof ForgeError, String(error));
      assert.equal(error.code, 'quota');
      assert.match(error.message, /refused .*Total CPU limit exceeded\. Maximum allowed: 10\.$/);
      assert.match(error.hint ?? '', /stop or delete sandboxes/);
      return true;
    });
    assert.equal((await stack().sandboxes()).length, before.length);
  });

  it('does not call a 403 (suspended organisation) a quota problem', async () => {
    const wc = await copy('express');
    stack().backend.faults.add({ method: 'POST', path: '^/api/sandbox$', effect: { kind: 'respond', status: 403, body: { statusCode: 403, message: 'Organization is suspended: unpaid invoice', error: 'Forbidden' } } });
    await assert.rejects(stack().preview(wc.dir), (error: unknown) => {
      assert.ok(error instanceof ForgeError, String(error));
      assert.notEqual(error.code, 'quota');
      assert.match(error.message, /Organization is suspended/);
      assert.doesNotMatch(error.hint ?? '', /limit/);
      return true;
    });
  });
});
