import * as assert from 'node:assert/strict';
import type { Logger } from '../../../../src/common/logger';
import { SignedUrlLease, type LeaseTimers } from '../../../../src/vscode/previews/signedUrlLease';
import type { SignedPreviewUrl } from '../../../../src/vscode/previews/types';

/** A clock that moves only when told to, running the timers that fall due. */
class FakeClock implements LeaseTimers {
  private time = 1_000_000;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.time);
  }
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
      await settle();
    }
    this.time = until;
  }
}

/** Lets promise chains started by a timer run to the end. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A source that hands out numbered URLs living `lifetimeMs`, and records what it was asked. */
class FakeProvider {
  issued = 0;
  readonly revoked: string[] = [];
  failNext = 0;
  constructor(private readonly clock: FakeClock, private readonly lifetimeMs = 60_000) {}
  signedUrl(): Promise<SignedPreviewUrl> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      return Promise.reject(new Error('HTTP 503 from the preview API'));
    }
    this.issued += 1;
    return Promise.resolve({ url: `http://127.0.0.1:${40000 + this.issued}/`, token: `token-${this.issued}`, expiresAt: this.clock.now() + this.lifetimeMs });
  }
  revoke(token: string): Promise<void> {
    this.revoked.push(token);
    return Promise.resolve();
  }
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (m: string | Error): void => void lines.push(String(m));
  return { lines, trace: log, debug: log, info: log, warn: log, error: log };
}

function setup(lifetimeMs = 60_000) {
  const clock = new FakeClock();
  const provider = new FakeProvider(clock, lifetimeMs);
  const shown: string[] = [];
  const failures: number[] = [];
  const logger = recordingLogger();
  const lease = new SignedUrlLease(provider, { onSwap: (s) => shown.push(s.token), onRefreshFailed: (_e, n) => failures.push(n) }, logger, clock);
  return { clock, provider, shown, failures, logger, lease };
}

describe('signed URL lease', () => {
  it('shows the first URL and schedules its refresh at 80% of its life', async () => {
    const { clock, lease, shown } = setup(60_000);
    await lease.refresh();
    assert.deepEqual(shown, ['token-1']);
    assert.equal(lease.current?.token, 'token-1');
    assert.deepEqual(clock.pending, [48_000]);
  });

  it('swaps in a new URL when the refresh falls due, then revokes the old token', async () => {
    const { clock, lease, shown, provider } = setup(60_000);
    await lease.refresh();
    await clock.advance(47_999);
    assert.deepEqual(shown, ['token-1'], 'not yet');
    await clock.advance(1);
    assert.deepEqual(shown, ['token-1', 'token-2']);
    assert.deepEqual(provider.revoked, ['token-1']);
    await clock.advance(48_000);
    assert.deepEqual(shown, ['token-1', 'token-2', 'token-3']);
    assert.deepEqual(provider.revoked, ['token-1', 'token-2']);
  });

  it('revokes the shown token on dispose and stops refreshing', async () => {
    const { clock, lease, provider } = setup();
    await lease.refresh();
    await lease.dispose();
    assert.deepEqual(provider.revoked, ['token-1']);
    assert.equal(lease.current, undefined);
    assert.deepEqual(clock.pending, []);
    await lease.dispose();
    assert.deepEqual(provider.revoked, ['token-1'], 'only once');
  });

  it('revokes a URL that arrives after dispose instead of showing it', async () => {
    const { lease, provider, shown } = setup();
    const refreshing = lease.refresh();
    const disposing = lease.dispose();
    await Promise.all([refreshing, disposing]);
    assert.deepEqual(shown, []);
    assert.deepEqual(provider.revoked, ['token-1']);
  });

  it('keeps the shown URL when a refresh fails and retries with backoff', async () => {
    const { clock, lease, provider, shown, failures, logger } = setup(600_000);
    await lease.refresh();
    provider.failNext = 2;
    await clock.advance(480_000); // due: fails
    assert.deepEqual(failures, [1]);
    assert.equal(lease.current?.token, 'token-1', 'the old URL stays');
    assert.deepEqual(clock.pending, [2_000]);
    await clock.advance(2_000); // fails again
    assert.deepEqual(failures, [1, 2]);
    assert.deepEqual(clock.pending, [4_000]);
    await clock.advance(4_000); // succeeds
    assert.deepEqual(shown, ['token-1', 'token-2']);
    assert.deepEqual(provider.revoked, ['token-1']);
    assert.ok(logger.lines.some((l) => l.includes('HTTP 503')));
  });

  it('rejects a failed first refresh but still retries on its own', async () => {
    const { clock, lease, provider, shown } = setup();
    provider.failNext = 1;
    await assert.rejects(lease.refresh(), /HTTP 503/);
    await clock.advance(2_000);
    assert.deepEqual(shown, ['token-1']);
  });

  it('shares one request between overlapping refreshes', async () => {
    const { lease, provider } = setup();
    await Promise.all([lease.refresh(), lease.refresh(), lease.refresh()]);
    assert.equal(provider.issued, 1);
  });

  it('never writes a token into the log', async () => {
    const { clock, lease, provider, logger } = setup();
    provider.revoke = (token) => Promise.reject(new Error(`POST /signed-preview-url/${token}/expire: 500`));
    await lease.refresh();
    await clock.advance(48_000);
    await lease.dispose();
    assert.ok(logger.lines.length >= 2, 'revoke failures were logged');
    for (const line of logger.lines) assert.doesNotMatch(line, /token-\d/);
  });
});
