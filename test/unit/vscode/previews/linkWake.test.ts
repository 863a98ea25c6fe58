// The panel's signed link across sleep and focus: timers count only awake time, so after a night asleep the lease's
// 19 h timer has not fired and the 24 h link is gone. The wake watch sees the wall clock jump and the lease
// refreshes at once; the page's own expiry watch shows "Reload preview" instead of a blank frame.
import * as assert from 'node:assert/strict';
import type { Logger } from '../../../../src/common/logger';
import { keepLinkFresh, renewOrReload } from '../../../../src/vscode/previews/linkFreshness';
import { LinkExpiry, type ExpiredReason } from '../../../../src/vscode/previews/panelTools/linkExpiry';
import { PANEL_LINK_SECONDS } from '../../../../src/vscode/previews/refreshTiming';
import { SignedUrlLease } from '../../../../src/vscode/previews/signedUrlLease';
import type { SignedPreviewUrl } from '../../../../src/vscode/previews/types';
import { WAKE_TICK_MS, WakeWatch } from '../../../../src/vscode/previews/wakeWatch';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Awake time runs timers; `sleep` moves the wall clock only, as a suspended laptop does. */
class FakeClock {
  private time = 1_700_000_000_000;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; every?: number; callback: () => void }>();
  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    this.timers.set(this.nextId, { at: this.time + ms, callback });
    return this.nextId++;
  }
  setInterval(callback: () => void, ms: number): unknown {
    this.timers.set(this.nextId, { at: this.time + ms, every: ms, callback });
    return this.nextId++;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  clearInterval(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, timer] = due;
      this.time = timer.at;
      if (timer.every === undefined) this.timers.delete(id);
      else timer.at += timer.every;
      timer.callback();
      await settle();
    }
    this.time = until;
  }
  /** The machine sleeps: the wall clock moves, every timer is pushed back by as much (they count awake time). */
  sleep(ms: number): void {
    this.time += ms;
    for (const timer of this.timers.values()) timer.at += ms;
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

class Provider {
  issued = 0;
  readonly revoked: string[] = [];
  constructor(private readonly clock: FakeClock) {}
  signedUrl(): Promise<SignedPreviewUrl> {
    this.issued += 1;
    return Promise.resolve({ url: `https://3000-tok${this.issued}.proxy.daytona.works/`, token: `tok${this.issued}`, expiresAt: this.clock.now() + PANEL_LINK_SECONDS * 1000 });
  }
  revoke(token: string): Promise<void> {
    this.revoked.push(token);
    return Promise.resolve();
  }
}

const logger: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('the panel link across sleep and focus', () => {
  it('asks for day-long links (Daytona\'s maximum, the warning cookie\'s max-age)', () => {
    assert.equal(PANEL_LINK_SECONDS, 86_400);
  });

  it('sees a wall-clock jump as a wake, and ordinary ticks as nothing', async () => {
    const clock = new FakeClock();
    const wakes: number[] = [];
    const watch = new WakeWatch((slept) => wakes.push(slept), clock);
    await clock.advance(10 * WAKE_TICK_MS);
    assert.deepEqual(wakes, []);
    clock.sleep(8 * HOUR);
    await clock.advance(WAKE_TICK_MS);
    assert.equal(wakes.length, 1);
    assert.ok((wakes[0] ?? 0) >= 8 * HOUR);
    await clock.advance(10 * WAKE_TICK_MS);
    assert.equal(wakes.length, 1, 'one wake per sleep');
    watch.dispose();
  });

  it('refreshes a due link on wake or focus, before the frame meets the expired link', async () => {
    const clock = new FakeClock();
    const provider = new Provider(clock);
    const shown: string[] = [];
    const lease = new SignedUrlLease(provider, { onSwap: (signed) => shown.push(signed.token) }, logger, clock);
    await lease.refresh();
    const watch = new WakeWatch(() => void lease.refreshIfDue(), clock);
    assert.equal(await lease.refreshIfDue(), false, 'a fresh link is left alone (focus)');
    await clock.advance(HOUR);
    assert.equal(await lease.refreshIfDue(), false);

    // A night asleep: the lease's timer (due at 19.2 h of awake time) has not fired, the link expired meanwhile.
    clock.sleep(DAY);
    assert.equal(provider.issued, 1, 'no timer ran while asleep');
    await clock.advance(WAKE_TICK_MS);
    assert.equal(provider.issued, 2, 'the wake refreshed the link');
    assert.deepEqual(shown, ['tok1', 'tok2']);
    assert.deepEqual(provider.revoked, ['tok1']);
    assert.equal(await lease.refreshIfDue(), false, 'the new link is fresh');
    watch.dispose();
    await lease.dispose();
  });

  it('"Reload preview" asks for a new link when the shown one is due, else reloads the frame', async () => {
    const clock = new FakeClock();
    const provider = new Provider(clock);
    const lease = new SignedUrlLease(provider, { onSwap: () => undefined }, logger, clock);
    await lease.refresh();
    let reloads = 0;
    await renewOrReload(lease, () => (reloads += 1));
    assert.deepEqual([provider.issued, reloads], [1, 1]);
    clock.sleep(DAY + HOUR);
    await renewOrReload(lease, () => (reloads += 1));
    assert.deepEqual([provider.issued, reloads], [2, 1]);
    await lease.dispose();
  });

  it('the page covers the frame when its link expires, also when timers slept through the expiry', async () => {
    const clock = new FakeClock();
    const seen: ExpiredReason[] = [];
    const expiry = new LinkExpiry((reason) => seen.push(reason), clock);
    expiry.watch(clock.now() + DAY);
    await clock.advance(DAY - 1_000);
    assert.deepEqual(seen, []);
    await clock.advance(1_000);
    assert.deepEqual(seen, ['expired']);

    expiry.watch(clock.now() + DAY);
    clock.sleep(2 * DAY);
    assert.equal(expiry.check(), true, 'the page looks at the clock when seen again');
    assert.deepEqual(seen, ['expired', 'expired']);
    expiry.watch(clock.now() + DAY);
    assert.equal(expiry.check(), false);
    expiry.dispose();
  });
});

describe('keepLinkFresh', () => {
  it('checks the lease when the window regains focus and when the machine wakes, not on blur', async () => {
    const clock = new FakeClock();
    let checks = 0;
    const listeners: ((state: { focused: boolean }) => unknown)[] = [];
    const fresh = keepLinkFresh({ refreshIfDue: () => { checks += 1; return Promise.resolve(false); } }, logger, (listener) => {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    }, clock);
    listeners.forEach((listener) => listener({ focused: false }));
    assert.equal(checks, 0);
    listeners.forEach((listener) => listener({ focused: true }));
    assert.equal(checks, 1);
    clock.sleep(3 * HOUR);
    await clock.advance(WAKE_TICK_MS);
    assert.equal(checks, 2);
    fresh.dispose();
    assert.equal(listeners.length, 0);
  });
});
