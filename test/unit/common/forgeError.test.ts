import * as assert from 'node:assert/strict';
import { ForgeError } from '../../../src/common/errors';
import { isCancellation } from '../../../src/common/cancel';

describe('ForgeError', () => {
  it('is recognised across bundles by its shape (the engine bundle has its own copy of the class)', () => {
    const fromOtherBundle = Object.assign(new Error('Cancelled.'), { name: 'ForgeError', code: 'cancelled', hint: undefined, logTail: [] });
    assert.ok(fromOtherBundle instanceof ForgeError);
    assert.ok(isCancellation(fromOtherBundle));
  });

  it('is not confused with other errors', () => {
    assert.ok(!(new Error('x') instanceof ForgeError));
    assert.ok(!(Object.assign(new Error('x'), { name: 'ForgeError' }) instanceof ForgeError));
    assert.ok(!({ name: 'ForgeError', code: 'cancelled' } instanceof ForgeError));
    assert.ok(new ForgeError('timeout', 'slow') instanceof ForgeError);
  });
});
