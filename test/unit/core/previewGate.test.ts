import * as assert from 'node:assert/strict';
import { PreviewGate } from '../../../src/core/previewGate';
import { ForgeError } from '../../../src/common/errors';

describe('PreviewGate (forge.maxConcurrentPreviews)', () => {
  it('refuses a second preview of a key being set up, and takes it again once the first let go', () => {
    const gate = new PreviewGate(5);
    const unclaim = gate.claim('file:///a', 'a');
    assert.throws(() => gate.claim('file:///a', 'a'), (error: unknown) => error instanceof ForgeError && /A preview of a is already being set up/.test(error.message));
    unclaim();
    gate.claim('file:///a', 'a');
    assert.equal(gate.counts.refused, 1);
  });

  it('counts what it admitted, what waited, the most at once, and a waiter that gave up', async () => {
    const gate = new PreviewGate(2);
    const a = await gate.slot(undefined, () => undefined);
    await gate.slot(undefined, () => undefined);
    const places: number[] = [];
    const abort = new AbortController();
    const cancelled = gate.slot(abort.signal, (p) => places.push(p));
    const third = gate.slot(undefined, (p) => places.push(p));
    abort.abort();
    await assert.rejects(cancelled, (error: unknown) => error instanceof ForgeError && error.code === 'cancelled');
    a();
    await third;
    assert.deepEqual(places, [1, 2]);
    assert.deepEqual(gate.counts, { admitted: 3, waited: 1, refused: 0, cancelled: 1, maxRunning: 2 });
  });

  it('a raised limit lets waiters in; a lowered one holds new previews until enough have finished', async () => {
    const gate = new PreviewGate(1);
    const first = await gate.slot(undefined, () => undefined);
    const second = gate.slot(undefined, () => undefined);
    gate.setLimit(2);
    const releaseSecond = await second;
    assert.equal(gate.running, 2);
    gate.setLimit(1);
    let thirdIn = false;
    const third = gate.slot(undefined, () => undefined).then((release) => {
      thirdIn = true;
      return release;
    });
    first();
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(thirdIn, false, 'one preview still runs and the limit is 1 now');
    releaseSecond();
    (await third)();
    assert.equal(gate.running, 0);
  });
});
