// Awake while watched, against the local backend's real auto-stop: a sandbox with a 1-minute auto-stop stays
// started while its panel is visible and stops once it is not. The backend's minute is shrunk to 300 ms and
// the keeper's timer is driven by the test (no minute of waiting).
import { strict as assert } from 'node:assert';
import type { Sandbox } from '@daytonaio/sdk';
import { KeepAwake, type KeepAwakeTimers } from '../../../src/core/activity/keepAwake';
import { eventually, startTestBackend, type TestBackend } from '../local/helpers';

const MINUTE_MS = 300;

describe('core: keep a watched sandbox awake', function () {
  this.timeout(30_000);
  let t: TestBackend;
  let sandbox: Sandbox;
  let visible = true;
  let fire: (() => void) | undefined;
  const timers: KeepAwakeTimers = { set: (callback) => (fire = callback), clear: () => (fire = undefined) };

  before(async () => {
    t = await startTestBackend({ timing: { minuteMs: MINUTE_MS, tickMs: 10 } });
    sandbox = await t.daytona.create({ autoStopInterval: 1 });
  });
  after(async () => {
    await t?.stop();
  });

  it('keeps a 1-minute auto-stop sandbox running while its panel is visible, and lets it stop after', async () => {
    const refreshed: string[] = [];
    const keeper = new KeepAwake({ watched: () => (visible ? [{ sandboxId: sandbox.id, refresh: () => sandbox.refreshActivity().then(() => void refreshed.push(sandbox.id)) }] : []), timers });
    // Five backend minutes with the panel visible: the keeper's timer fires every sixth of a minute.
    for (let step = 0; step < 30; step++) {
      fire?.();
      await keeper.tick();
      await new Promise((r) => setTimeout(r, MINUTE_MS / 6));
    }
    await sandbox.refreshData();
    assert.equal(sandbox.state, 'started', 'stopped while the panel was visible');
    assert.ok(refreshed.length >= 30);

    visible = false;
    const before = refreshed.length;
    await eventually(async () => {
      fire?.();
      await sandbox.refreshData();
      return sandbox.state === 'stopped';
    }, 'the sandbox to auto-stop once nothing watches it', 10 * MINUTE_MS);
    assert.equal(refreshed.length, before, 'no refresh without a visible panel');
    keeper.dispose();
    assert.equal(fire, undefined);
  });
});
