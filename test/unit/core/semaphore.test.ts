import * as assert from 'node:assert/strict';
import { Semaphore } from '../../../src/core/concurrency';

describe('Semaphore', () => {
  it('lets `limit` holders in and queues the rest in order, telling them their place', async () => {
    const semaphore = new Semaphore(2);
    const a = await semaphore.acquire();
    const b = await semaphore.acquire();
    const positions: number[] = [];
    const order: string[] = [];
    const c = semaphore.acquire(undefined, (p) => positions.push(p)).then((release) => {
      order.push('c');
      return release;
    });
    const d = semaphore.acquire(undefined, (p) => positions.push(p)).then((release) => {
      order.push('d');
      return release;
    });
    assert.deepEqual(positions, [1, 2]);
    assert.equal(semaphore.waiting, 2);
    a();
    (await c)();
    b();
    (await d)();
    assert.deepEqual(order, ['c', 'd']);
    assert.equal(semaphore.running, 0);
  });

  it('a release called twice frees one slot only', async () => {
    const semaphore = new Semaphore(1);
    const release = await semaphore.acquire();
    release();
    release();
    assert.equal(semaphore.running, 0);
    await semaphore.acquire();
    assert.equal(semaphore.running, 1);
  });

  it('an aborted waiter leaves the queue', async () => {
    const semaphore = new Semaphore(1);
    const held = await semaphore.acquire();
    const controller = new AbortController();
    const waiting = semaphore.acquire(controller.signal);
    controller.abort();
    await assert.rejects(waiting);
    assert.equal(semaphore.waiting, 0);
    held();
    assert.equal(semaphore.running, 0);
  });
});
