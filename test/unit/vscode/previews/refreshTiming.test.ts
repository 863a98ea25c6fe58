import * as assert from 'node:assert/strict';
import { MAX_TIMER_DELAY_MS, MIN_REFRESH_DELAY_MS, refreshDelayMs, retryDelayMs } from '../../../../src/vscode/previews/refreshTiming';

describe('signed URL refresh timing', () => {
  it('refreshes at 80% of the life of a URL', () => {
    assert.equal(refreshDelayMs(0, 3_600_000, 0), 2_880_000);
    assert.equal(refreshDelayMs(0, 60_000, 0), 48_000);
  });

  it('counts from now when the URL was issued earlier', () => {
    assert.equal(refreshDelayMs(0, 100_000, 30_000), 50_000);
  });

  it('never schedules sooner than the minimum, even for an expired URL', () => {
    assert.equal(refreshDelayMs(0, 1_000, 5_000), MIN_REFRESH_DELAY_MS);
    assert.equal(refreshDelayMs(10, 5, 10), MIN_REFRESH_DELAY_MS);
  });

  it("stays within setTimeout's range", () => {
    assert.equal(refreshDelayMs(0, 10 * MAX_TIMER_DELAY_MS, 0), MAX_TIMER_DELAY_MS);
  });

  it('backs off on failures up to a minute', () => {
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 10].map((n) => retryDelayMs(n, 0)), [2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000]);
  });

  it('retries before the shown URL expires', () => {
    assert.equal(retryDelayMs(6, 0, 10_000), 9_000);
    assert.equal(retryDelayMs(1, 0, 500), 2_000, 'an already (nearly) expired URL does not shorten the backoff below the minimum');
  });
});
