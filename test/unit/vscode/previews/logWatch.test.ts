import * as assert from 'node:assert/strict';
import { LogWatch, type WatchTimers } from '../../../../src/vscode/previews/logWatch';

/** Timers that run only when the test moves the clock. */
class FakeTimers implements WatchTimers {
  now = 0;
  private pending = new Map<number, { at: number; callback: () => void }>();
  private next = 1;

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  advance(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.pending].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > this.now || !this.pending.has(id)) continue;
      this.pending.delete(id);
      timer.callback();
    }
  }

  get count(): number {
    return this.pending.size;
  }
}

describe('LogWatch: the dev-server log is followed only while someone watches', () => {
  const GRACE = 30_000;
  let timers: FakeTimers;
  let calls: boolean[];
  let watch: LogWatch;
  beforeEach(() => {
    timers = new FakeTimers();
    calls = [];
    watch = new LogWatch((following) => calls.push(following), timers, GRACE);
  });
  afterEach(() => watch.dispose());

  it('follows a new preview, and stops after the grace when nobody reports watching', () => {
    assert.equal(watch.isFollowing, true);
    timers.advance(GRACE - 1);
    assert.deepEqual(calls, []);
    timers.advance(1);
    assert.deepEqual(calls, [false]);
    assert.equal(watch.isFollowing, false);
  });

  it('keeps following while the panel is visible, however long, and stops only a grace after it is hidden', () => {
    watch.setVisible('panel', true);
    timers.advance(10 * GRACE);
    assert.deepEqual(calls, []);
    watch.setVisible('panel', false);
    timers.advance(GRACE - 1);
    assert.deepEqual(calls, [], 'still within the grace');
    timers.advance(1);
    assert.deepEqual(calls, [false]);
  });

  it('a watcher back within the grace keeps the stream open (a tab switch does not reconnect)', () => {
    watch.setVisible('output', true);
    watch.setVisible('output', false);
    timers.advance(GRACE / 2);
    watch.setVisible('output', true);
    timers.advance(2 * GRACE);
    assert.deepEqual(calls, []);
    assert.equal(timers.count, 0, 'no grace timer left running');
  });

  it('resumes following as soon as the Output channel or the panel is visible again', () => {
    timers.advance(GRACE);
    assert.deepEqual(calls, [false]);
    watch.setVisible('output', true);
    assert.deepEqual(calls, [false, true]);
    watch.setVisible('output', false);
    timers.advance(GRACE);
    watch.setVisible('panel', true);
    assert.deepEqual(calls, [false, true, false, true]);
  });

  it('one source hidden while the other still shows changes nothing', () => {
    watch.setVisible('panel', true);
    watch.setVisible('output', true);
    watch.setVisible('panel', false);
    timers.advance(2 * GRACE);
    assert.deepEqual(calls, []);
    watch.setVisible('output', false);
    timers.advance(GRACE);
    assert.deepEqual(calls, [false]);
  });

  it('reports nothing after dispose', () => {
    watch.dispose();
    timers.advance(GRACE);
    watch.setVisible('panel', true);
    assert.deepEqual(calls, []);
  });
});
