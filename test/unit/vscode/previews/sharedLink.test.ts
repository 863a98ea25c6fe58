import * as assert from 'node:assert/strict';
import { SharedLink } from '../../../../src/vscode/previews/sharedLink';
import type { SignedPreviewUrl } from '../../../../src/vscode/previews/types';

describe('one shared link per preview', () => {
  let now = 0;
  let signed = 0;
  const sign = (): Promise<SignedPreviewUrl> => {
    signed += 1;
    return Promise.resolve({ url: `http://127.0.0.1:${40000 + signed}/`, token: `tok${signed}`, expiresAt: now + 3_600_000 });
  };
  beforeEach(() => {
    now = 0;
    signed = 0;
  });

  it('hands everyone the same link while it has a fifth of its life left, then a new one', async () => {
    const link = new SharedLink(sign, () => now);
    const [a, b] = await Promise.all([link.get(), link.get()]);
    assert.equal(a, b, 'one signing for callers at the same time');
    now = 0.79 * 3_600_000;
    assert.equal((await link.get()).url, a.url);
    now = 0.81 * 3_600_000;
    const renewed = await link.get();
    assert.notEqual(renewed.url, a.url);
    assert.equal(signed, 2);
    assert.ok(link.isShared(a.token) && link.isShared(renewed.token), 'both may still be held by a person');
    assert.ok(!link.isShared('someone-else'));
  });

  it('signs again after a failure, and forgets every link on reset', async () => {
    let fail = true;
    const link = new SharedLink(() => (fail ? Promise.reject(new Error('backend down')) : sign()), () => now);
    await assert.rejects(link.get(), /backend down/);
    fail = false;
    const first = await link.get();
    assert.deepEqual(link.reset(), [first.token]);
    assert.ok(!link.isShared(first.token));
    assert.notEqual((await link.get()).token, first.token);
  });
});
