import * as assert from 'node:assert/strict';
import { eventually, fetchText, TOKEN, useStack } from './harness';

describe('Independent steps overlap (local backend)', function () {
  this.timeout(240_000);
  const { stack, copy } = useStack();

  it('creates the sandbox while the auth step is still looking up the token', async () => {
    const wc = await copy('express');
    const creates = (): number => (stack().backend.requests ?? []).filter((r) => r.method === 'POST' && r.path === '/api/sandbox').length;
    const before = creates();
    let first = true;
    // The silent token lookup answers only once the backend has received the create request: were the two in
    // sequence, the lookup would wait forever (and fail here after 30 s).
    const githubToken = async (): Promise<string> => {
      if (first) {
        first = false;
        await eventually(() => creates() > before, 30_000).catch(() => {
          throw new Error('the sandbox was not being created while the token was looked up');
        });
      }
      return TOKEN;
    };
    const outcome = await stack().preview(wc.dir, { githubToken });
    assert.equal((await fetchText(outcome.previewUrl)).status, 200);
    assert.ok(outcome.timings.auth !== undefined && outcome.timings.sandbox !== undefined, 'both steps keep their timings');
  });
});
