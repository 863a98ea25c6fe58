// Faithful twin, point 10 (b): Daytona answers a new volume with `pending_create` and its volume manager makes it
// `ready` in the background (apps/api/src/sandbox/managers/volume.manager.ts); a sandbox created with a volume that
// is not ready is refused with 400 (apps/api/src/sandbox/services/volume.service.ts getVolumesByIdOrName). Forge
// used to create its cache volumes and name them at once: every first preview on a Daytona account failed.
import * as assert from 'node:assert/strict';
import { DaytonaError } from '@daytonaio/sdk';
import { readyVolume } from '../../../../src/core/pipeline/readyVolume';
import { startTestBackend, type TestBackend } from '../helpers';
import { fetchText, useStack } from '../../core/pipeline/harness';

describe('Twin: volumes start pending_create', function () {
  this.timeout(120_000);

  describe('the backend', () => {
    let t: TestBackend;
    before(async () => {
      t = await startTestBackend({ timing: { volumeReadyMs: 800 } });
    });
    after(() => t.stop());

    it('refuses a sandbox with a pending volume (400), accepts it once the volume is ready, and refuses deleting a pending one', async () => {
      const volume = await t.daytona.volume.get('slow', true);
      assert.equal(volume.state, 'pending_create');
      await assert.rejects(t.daytona.create({ volumes: [{ volumeId: volume.id, mountPath: '/mnt/slow' }] }), (error: unknown) => {
        assert.ok(error instanceof DaytonaError);
        assert.equal(error.statusCode, 400);
        assert.match(error.message, /Volume 'slow' is not in a ready state\. Current state: pending_create/);
        return true;
      });
      await assert.rejects(t.daytona.volume.delete(volume), (error: unknown) => error instanceof DaytonaError && error.statusCode === 400);
      const ready = await readyVolume(t.daytona, 'slow', { pollMs: 50 });
      assert.equal(ready.state, 'ready');
      const sandbox = await t.daytona.create({ volumes: [{ volumeId: volume.id, mountPath: '/mnt/slow' }] });
      assert.equal(sandbox.state, 'started');
      await sandbox.delete();
    });
  });

  describe('Forge', () => {
    const { stack, copy } = useStack();

    it('waits for its new cache volumes to be ready before creating the sandbox', async () => {
      const wc = await copy('express');
      const outcome = await stack().preview(wc.dir, { settings: { cacheVolume: `fresh-cache-${Date.now()}` } });
      assert.match((await fetchText(outcome.previewUrl)).text, /Forge fixture: express/);
      await outcome.preview.sandbox.delete();
    });
  });
});
