// Automatic stop / archive / delete (with a hand-driven clock, and once for real with a short minute),
// persistence across a restart of the server, and the data-directory lock.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DaytonaNotFoundError } from '@daytonaio/sdk';
import { ForgeError } from '../../../src/common/errors';
import type { Logger } from '../../../src/common/logger';
import { readCreateSandboxInput } from '../../../src/local/api/createSandboxInput';
import { AutoLifecycle } from '../../../src/local/autoLifecycle';
import type { Clock } from '../../../src/local/clock';
import { SandboxService } from '../../../src/local/sandboxService';
import { SandboxStore } from '../../../src/local/store/sandboxStore';
import { VolumeStore } from '../../../src/local/store/volumeStore';
import { eventually, makeTempDir, recordingToolbox, startTestBackend } from './helpers';
import { readyVolume } from '../../../src/core/pipeline/readyVolume';

const quiet: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const MINUTE = 60_000;

describe('local backend: automatic lifecycle', () => {
  let dir: string;
  let now: number;
  let store: SandboxStore;
  let service: SandboxService;
  let lifecycle: AutoLifecycle;
  let stopped: string[];

  beforeEach(async () => {
    dir = await makeTempDir();
    now = Date.parse('2026-01-01T00:00:00Z');
    const clock: Clock = { now: () => now, minuteMs: MINUTE };
    store = new SandboxStore(join(dir, 'sandboxes'));
    const volumes = new VolumeStore(join(dir, 'volumes'));
    await Promise.all([store.load(), volumes.load()]);
    const { factory, record } = recordingToolbox();
    stopped = record.stopped;
    service = new SandboxService({ store, volumes, toolbox: factory({ isolate: false, onActivity: () => undefined }), clock, logger: quiet, onDeleted: () => Promise.resolve(), daemonVersion: () => 'test' });
    lifecycle = new AutoLifecycle(store, service, clock, quiet, 3_600_000);
  });
  afterEach(async () => {
    await lifecycle.stop();
    await store.flush();
    await rm(dir, { recursive: true, force: true });
  });

  const create = (body: object) => service.create(readCreateSandboxInput(body));

  it('stops a sandbox idle for autoStopInterval minutes; activity postpones it; 0 never stops', async () => {
    const idle = await create({ autoStopInterval: 15 });
    const never = await create({ autoStopInterval: 0 });
    now += 14 * MINUTE;
    service.touch(idle.id);
    await lifecycle.tick();
    now += 14 * MINUTE;
    await lifecycle.tick();
    assert.equal(idle.state, 'started', 'activity 14 minutes ago keeps it running');
    now += 2 * MINUTE;
    await lifecycle.tick();
    assert.equal(idle.state, 'stopped');
    assert.deepEqual(stopped, [idle.id]);
    assert.equal(never.state, 'started');
    const onDisk = JSON.parse(await readFile(join(dir, 'sandboxes', idle.id, 'sandbox.json'), 'utf8')) as { state: string };
    assert.equal(onDisk.state, 'stopped');
  });

  it('archives a stopped sandbox after autoArchiveInterval and then never auto-deletes it (Daytona deletes STOPPED only)', async () => {
    const sandbox = await create({ autoStopInterval: 0, autoArchiveInterval: 60, autoDeleteInterval: 120 });
    const keeper = await create({ autoStopInterval: 0, autoArchiveInterval: 0 });
    await service.stop(sandbox);
    await service.stop(keeper);
    now += 59 * MINUTE;
    await lifecycle.tick();
    assert.equal(sandbox.state, 'stopped');
    now += 2 * MINUTE;
    await lifecycle.tick();
    assert.equal(sandbox.state, 'archived');
    assert.equal(keeper.state, 'stopped', 'autoArchiveInterval 0 means the 30-day maximum');
    now += 600 * MINUTE;
    await lifecycle.tick();
    assert.equal(store.find(sandbox.id)?.state, 'archived', 'an archived sandbox is not auto-deleted');
  });

  it('deletes a stopped sandbox whose autoDeleteInterval comes before its archive', async () => {
    const sandbox = await create({ autoStopInterval: 0, autoArchiveInterval: 0, autoDeleteInterval: 120 });
    await service.stop(sandbox);
    now += 121 * MINUTE;
    await lifecycle.tick();
    assert.equal(store.find(sandbox.id), undefined);
    assert.ok(!existsSync(join(dir, 'sandboxes', sandbox.id)));
  });

  it('deletes at once on stop when autoDeleteInterval is 0', async () => {
    const sandbox = await create({ autoDeleteInterval: 0 });
    await service.stop(sandbox);
    assert.equal(store.find(sandbox.id), undefined);
  });
});

describe('local backend: timers, restarts and the data directory', () => {
  it('really auto-stops an idle sandbox with a short minute', async () => {
    const t = await startTestBackend({ timing: { minuteMs: 50, tickMs: 10 } });
    try {
      const sandbox = await t.daytona.create({ autoStopInterval: 1 });
      await eventually(async () => (await t.daytona.get(sandbox.id)).state === 'stopped', 'auto-stop');
      assert.deepEqual(t.toolbox.stopped, [sandbox.id]);
    } finally {
      await t.stop();
    }
  });

  it('keeps sandboxes, files, labels and volumes across a restart; started ones come back stopped', async () => {
    const first = await startTestBackend();
    const dataDir = first.dataDir;
    let restarted: Awaited<ReturnType<typeof startTestBackend>> | undefined;
    try {
      await readyVolume(first.daytona, 'cache');
      const kept = await first.daytona.create({ name: 'kept', labels: { 'forge.repo': 'o/r' }, envVars: { A: 'b' }, volumes: [{ volumeId: 'cache', mountPath: '/mnt/c' }] });
      const gone = await first.daytona.create({ name: 'gone' });
      await writeFile(join(dataDir, 'sandboxes', kept.id, 'home', 'note.txt'), 'still here');
      await gone.delete();
      await first.stop(true);

      restarted = await startTestBackend({ dataDir, apiKey: 'another-key' });
      const again = await restarted.daytona.get('kept');
      assert.equal(again.id, kept.id);
      assert.equal(again.state, 'stopped');
      assert.deepEqual(again.labels, kept.labels);
      assert.deepEqual(again.env, { A: 'b' });
      assert.deepEqual((await restarted.daytona.volume.list()).map((v) => v.name), ['cache']);
      await assert.rejects(restarted.daytona.get('gone'), DaytonaNotFoundError);
      await again.start();
      assert.equal(again.state, 'started');
      assert.equal(await readFile(join(dataDir, 'sandboxes', kept.id, 'home', 'note.txt'), 'utf8'), 'still here');
    } finally {
      await (restarted ?? first).stop();
    }
  });

  it('refuses a second backend on the same data directory while the first runs', async () => {
    const t = await startTestBackend();
    try {
      await assert.rejects(startTestBackend({ dataDir: t.dataDir }), (error: Error) => error instanceof ForgeError && /Another Forge local backend/.test(error.message));
    } finally {
      await t.stop();
    }
  });

  it('skips a damaged sandbox record with a warning instead of failing to start', async () => {
    const dataDir = await makeTempDir();
    const warnings: string[] = [];
    const t0 = await startTestBackend({ dataDir });
    await t0.stop(true);
    await writeFile(join(dataDir, 'sandboxes', 'junk'), 'x');
    await mkdir(join(dataDir, 'sandboxes', 'broken'), { recursive: true });
    await writeFile(join(dataDir, 'sandboxes', 'broken', 'sandbox.json'), '{not json');
    const t = await startTestBackend({ dataDir, logger: { ...quiet, warn: (m) => warnings.push(m) } });
    try {
      assert.ok(warnings.some((w) => w.includes('broken')));
      const listed = [];
      for await (const s of t.daytona.list()) {
        listed.push(s);
      }
      assert.equal(listed.length, 0);
    } finally {
      await t.stop();
    }
  });
});
