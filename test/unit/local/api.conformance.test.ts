// The real @daytonaio/sdk against the local backend, in the order Daytona's docs use the calls.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Daytona, DaytonaConflictError, DaytonaNotFoundError, DaytonaValidationError, type Sandbox } from '@daytonaio/sdk';
import { raw, startTestBackend, type TestBackend } from './helpers';
import { readyVolume } from '../../../src/core/pipeline/readyVolume';

describe('local backend: SDK conformance (management API)', () => {
  let t: TestBackend;

  beforeEach(async () => {
    t = await startTestBackend();
  });
  afterEach(async () => {
    await t.stop();
  });

  it('creates a sandbox with labels, env, public, intervals and a volume, and answers started at once', async () => {
    const volume = await readyVolume(t.daytona, 'cache');
    const sandbox = await t.daytona.create({
      name: 'web-1',
      language: 'typescript',
      labels: { app: 'web', 'forge.repo': 'o/r' },
      envVars: { FOO: 'bar' },
      public: true,
      autoStopInterval: 30,
      autoArchiveInterval: 60,
      autoDeleteInterval: 120,
      volumes: [{ volumeId: 'cache', mountPath: '/mnt/cache' }],
    });
    assert.equal(sandbox.state, 'started');
    assert.equal(sandbox.name, 'web-1');
    assert.deepEqual(sandbox.labels, { 'code-toolbox-language': 'typescript', app: 'web', 'forge.repo': 'o/r' });
    assert.deepEqual(sandbox.env, { FOO: 'bar' });
    assert.equal(sandbox.public, true);
    assert.equal(sandbox.autoStopInterval, 30);
    assert.equal(sandbox.autoArchiveInterval, 60);
    assert.equal(sandbox.autoDeleteInterval, 120);
    assert.deepEqual(sandbox.volumes, [{ volumeId: volume.id, mountPath: '/mnt/cache' }]);
    assert.equal(sandbox.toolboxProxyUrl, t.backend.apiUrl.replace(/\/api$/, '/toolbox'));
    assert.ok(existsSync(join(t.dataDir, 'sandboxes', sandbox.id, 'home')));
    assert.ok(existsSync(join(t.dataDir, 'sandboxes', sandbox.id, 'runtime')));
    assert.ok(existsSync(join(t.dataDir, 'sandboxes', sandbox.id, 'sandbox.json')));
  });

  it('records resources and buildInfo of the image form without rejecting them', async () => {
    const sandbox = await t.daytona.create({ image: 'node:20-slim', resources: { cpu: 2, memory: 4, disk: 8 } });
    assert.equal(sandbox.state, 'started');
    assert.deepEqual([sandbox.cpu, sandbox.memory, sandbox.disk], [2, 4, 8]);
    assert.match(sandbox.buildInfo?.dockerfileContent ?? '', /FROM node:20-slim/);
    // The snapshot form with resources: Daytona's cloud answers 400; the emulator records them (Forge's adapter decides).
    const snapshotForm = await raw(t.backend, 'POST', '/api/sandbox', { body: JSON.stringify({ snapshot: 'daytonaio/sandbox', cpu: 1, memory: 2 }) });
    assert.deepEqual([snapshotForm.status, snapshotForm.json()['cpu'], snapshotForm.json()['memory']], [200, 1, 2]);
  });

  it('gets by id and by name, and refuses a duplicate name', async () => {
    const created = await t.daytona.create({ name: 'named' });
    assert.equal((await t.daytona.get(created.id)).name, 'named');
    assert.equal((await t.daytona.get('named')).id, created.id);
    await assert.rejects(t.daytona.create({ name: 'named' }), DaytonaConflictError);
  });

  it('lists with a labels filter and walks cursor pages past the limit', async () => {
    for (let index = 0; index < 5; index += 1) {
      await t.daytona.create({ labels: { batch: 'b1', index: String(index) } });
    }
    await t.daytona.create({ labels: { batch: 'other' } });
    const seen: Sandbox[] = [];
    for await (const sandbox of t.daytona.list({ labels: { batch: 'b1' }, limit: 2 })) {
      seen.push(sandbox);
    }
    assert.equal(seen.length, 5);
    assert.equal(new Set(seen.map((s) => s.id)).size, 5);
    assert.ok(seen.every((s) => s.labels['batch'] === 'b1'));

    const first = (await raw(t.backend, 'GET', `/api/sandbox?limit=2&labels=${encodeURIComponent('{"batch":"b1"}')}`)).json<{ items: unknown[]; nextCursor: string | null }>();
    assert.equal(first.items.length, 2);
    assert.ok(first.nextCursor);
    const stopped: Sandbox[] = [];
    for await (const sandbox of t.daytona.list({ states: ['stopped'] })) {
      stopped.push(sandbox);
    }
    assert.equal(stopped.length, 0);
  });

  it('lists only the targets asked for (the SDK sends `targets` as regionIds; v0.190 sandbox.service.ts)', async () => {
    const inRegion = (target: string) => new Daytona({ apiKey: t.backend.apiKey, apiUrl: t.backend.apiUrl, target });
    const eu = await inRegion('eu').create({ labels: { region: 'probe' } });
    const us = await inRegion('us').create({ labels: { region: 'probe' } });
    const listed = async (targets?: string[]): Promise<string[]> => {
      const ids: string[] = [];
      for await (const sandbox of t.daytona.list({ labels: { region: 'probe' }, ...(targets ? { targets } : {}) })) ids.push(sandbox.id);
      return ids.sort();
    };
    assert.deepEqual(await listed(['eu']), [eu.id]);
    assert.deepEqual(await listed(['eu', 'us']), [eu.id, us.id].sort());
    assert.deepEqual(await listed(), [eu.id, us.id].sort());
  });

  it('replaces labels and sets the interval settings', async () => {
    const sandbox = await t.daytona.create({ labels: { a: '1' } });
    const labels = await sandbox.setLabels({ b: '2', 'forge.branch': 'main' });
    assert.deepEqual(labels, { b: '2', 'forge.branch': 'main' });
    await sandbox.setAutostopInterval(0);
    await sandbox.setAutoArchiveInterval(45);
    await sandbox.setAutoDeleteInterval(-1);
    await sandbox.refreshActivity();
    const fresh = await t.daytona.get(sandbox.id);
    assert.deepEqual(fresh.labels, { b: '2', 'forge.branch': 'main' });
    assert.deepEqual([fresh.autoStopInterval, fresh.autoArchiveInterval, fresh.autoDeleteInterval], [0, 45, -1]);
  });

  it('stops, starts, archives and deletes with final states and without polling', async () => {
    const sandbox = await t.daytona.create();
    await sandbox.stop();
    assert.equal(sandbox.state, 'stopped');
    assert.equal((await t.daytona.get(sandbox.id)).state, 'stopped');
    assert.deepEqual(t.toolbox.stopped, [sandbox.id]);
    await sandbox.start();
    assert.equal(sandbox.state, 'started');

    await assert.rejects(sandbox.archive(), (error: Error) => error instanceof DaytonaValidationError && /not stopped/.test(error.message));
    await sandbox.stop();
    await sandbox.archive();
    assert.equal(sandbox.state, 'archived');
    await sandbox.start();
    assert.equal(sandbox.state, 'started');
    await sandbox.recover();
    assert.equal(sandbox.state, 'started');

    await sandbox.delete(60, true);
    assert.equal(sandbox.state, 'destroyed');
    await assert.rejects(t.daytona.get(sandbox.id), DaytonaNotFoundError);
    assert.ok(!existsSync(join(t.dataDir, 'sandboxes', sandbox.id)));
  });

  it('manages volumes: get with create, list, mount by name, refuse deleting one in use, delete', async () => {
    await assert.rejects(t.daytona.volume.get('data'), DaytonaNotFoundError);
    const created = await t.daytona.volume.get('data', true);
    assert.equal(created.name, 'data');
    assert.equal(created.state, 'pending_create');
    await readyVolume(t.daytona, 'data', { pollMs: 50 });
    const volume = await t.daytona.volume.get('data');
    assert.equal(volume.state, 'ready');
    assert.deepEqual((await t.daytona.volume.list()).map((v) => v.name), ['data']);

    const sandbox = await t.daytona.create({ volumes: [{ volumeId: volume.id, mountPath: '/mnt/data', subpath: 'sub' }] });
    assert.ok(existsSync(join(t.dataDir, 'volumes', volume.id, 'data', 'sub')));
    await assert.rejects(t.daytona.volume.delete(volume), DaytonaConflictError);
    await sandbox.delete();
    await t.daytona.volume.delete(volume);
    assert.deepEqual(await t.daytona.volume.list(), []);
    await assert.rejects(t.daytona.create({ volumes: [{ volumeId: 'nope', mountPath: '/mnt/x' }] }), DaytonaNotFoundError);
  });

  it('hands out preview links and signed URLs with their own loopback addresses, and expires them', async () => {
    const sandbox = await t.daytona.create();
    const link = await sandbox.getPreviewLink(3000);
    assert.equal(link.sandboxId, sandbox.id);
    assert.match(link.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.ok(link.token.length >= 16);
    assert.equal((await sandbox.getPreviewLink(3000)).url, link.url);
    assert.notEqual((await sandbox.getPreviewLink(3001)).url, link.url);

    const signed = await sandbox.getSignedPreviewUrl(3000, 120);
    assert.equal(signed.port, 3000);
    assert.match(signed.token, /^[a-z0-9]{16}$/);
    assert.equal(signed.url.replace(/\?.*$/, '').match(/^http:\/\/127\.0\.0\.1:\d+\/$/)?.length, 1, signed.url);
    assert.equal(new URL(signed.url).searchParams.get('DAYTONA_SANDBOX_AUTH_KEY'), signed.token, 'the signed URL carries its token');
    assert.notEqual(new URL(signed.url).origin, new URL(link.url).origin);
    await sandbox.expireSignedPreviewUrl(3000, signed.token);

    await sandbox.stop();
    await sandbox.start();
    assert.notEqual((await sandbox.getPreviewLink(3000)).token, link.token, 'the preview token is reset on start');
  });

  it('serves the toolbox of a started sandbox under toolboxProxyUrl/{id}', async () => {
    const sandbox = await t.daytona.create();
    await sandbox.getUserHomeDir().catch(() => undefined);
    assert.deepEqual(t.toolbox.handled.map((h) => [h.sandboxId, h.subPath]), [[sandbox.id, '/user-home-dir']]);
    assert.equal(t.toolbox.handled[0]?.homeDir, join(t.dataDir, 'sandboxes', sandbox.id, 'home'));
  });
});
