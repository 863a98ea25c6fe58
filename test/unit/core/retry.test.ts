import * as assert from 'node:assert/strict';
import { withRetry } from '../../../src/core/retry';
import { ForgeError } from '../../../src/common/errors';

class Transient extends Error {}

describe('withRetry', () => {
  it('retries transient failures and returns the first success', async () => {
    let calls = 0;
    const result = await withRetry(
      () => {
        calls++;
        return calls < 3 ? Promise.reject(new Transient('busy')) : Promise.resolve('ok');
      },
      { signal: new AbortController().signal, isTransient: (e) => e instanceof Transient, baseDelayMs: 1 },
    );
    assert.equal(result, 'ok');
    assert.equal(calls, 3);
  });

  it('does not retry a permanent failure', async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(() => {
        calls++;
        return Promise.reject(new Error('bad request'));
      }, { signal: new AbortController().signal, isTransient: (e) => e instanceof Transient, baseDelayMs: 1 }),
      /bad request/,
    );
    assert.equal(calls, 1);
  });

  it('gives up after the configured retries with the last error', async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(() => {
        calls++;
        return Promise.reject(new Transient(`attempt ${calls}`));
      }, { signal: new AbortController().signal, isTransient: () => true, retries: 2, baseDelayMs: 1 }),
      /attempt 3/,
    );
    assert.equal(calls, 3);
  });

  it('waits the delay the server asked for', async () => {
    const delays: number[] = [];
    let calls = 0;
    await withRetry(() => (++calls === 1 ? Promise.reject(new Transient('429')) : Promise.resolve(1)), {
      signal: new AbortController().signal,
      isTransient: () => true,
      serverDelayMs: () => 20,
      onRetry: (_e, _attempt, delay) => delays.push(delay),
    });
    assert.deepEqual(delays, [20]);
  });

  it('stops waiting at once when cancelled', async () => {
    const controller = new AbortController();
    const pending = withRetry(() => Promise.reject(new Transient('down')), { signal: controller.signal, isTransient: () => true, baseDelayMs: 60_000 });
    setTimeout(() => controller.abort(), 10);
    await assert.rejects(pending, (e: unknown) => e instanceof ForgeError && e.code === 'cancelled');
  });
});
