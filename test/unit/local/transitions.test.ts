// Daytona's transitional states, observable on the twin: stop and archive answer at once and lists show
// `stopping` / `archiving` until the work is done; start passes through `starting` (the SDK waits for it).
import { strict as assert } from 'node:assert';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eventually, raw, startTestBackend, type TestBackend } from './helpers';

interface Dto { id: string; state: string; desiredState: string }

describe('local backend: transitional states (Daytona v0.190 sandbox.service.ts)', function () {
  this.timeout(20_000);
  let t: TestBackend;
  beforeEach(async () => {
    t = await startTestBackend({ timing: { transitionMs: 400 } });
  });
  afterEach(() => t.stop());

  const state = async (id: string): Promise<Dto> => (await raw(t.backend, 'GET', `/api/sandbox/${id}`)).json<Dto>();
  const listed = async (id: string): Promise<string | undefined> =>
    (await raw(t.backend, 'GET', '/api/sandbox')).json<{ items: Dto[] }>().items.find((item) => item.id === id)?.state;

  it('shows stopping, then stopped; a start meanwhile is refused with 409 (state change in progress)', async () => {
    const sandbox = await t.daytona.create({ autoStopInterval: 0 });
    assert.equal((await raw(t.backend, 'POST', `/api/sandbox/${sandbox.id}/stop`)).status, 200);
    assert.deepEqual(await state(sandbox.id).then((d) => [d.state, d.desiredState]), ['stopping', 'stopped']);
    assert.equal(await listed(sandbox.id), 'stopping');
    const start = await raw(t.backend, 'POST', `/api/sandbox/${sandbox.id}/start`);
    assert.equal(start.status, 409);
    assert.match(start.text, /state change in progress/);
    await eventually(async () => (await state(sandbox.id)).state === 'stopped', 'stopped');
  });

  it('shows archiving, then archived; start passes through starting and the SDK waits for started', async () => {
    const sandbox = await t.daytona.create({ autoStopInterval: 0 });
    await sandbox.stop();
    assert.equal(sandbox.state, 'stopped', 'the SDK waited out stopping');
    await sandbox.archive();
    assert.equal(sandbox.state, 'archiving');
    assert.equal(await listed(sandbox.id), 'archiving');
    await eventually(async () => (await state(sandbox.id)).state === 'archived', 'archived');
    assert.equal((await raw(t.backend, 'POST', `/api/sandbox/${sandbox.id}/start`)).json<Dto>().state, 'starting');
    await eventually(async () => (await state(sandbox.id)).state === 'started', 'started');
  });

  it('lists by last activity, newest first, as Daytona does by default', async () => {
    const older = await t.daytona.create({ autoStopInterval: 0 });
    const newer = await t.daytona.create({ autoStopInterval: 0 });
    await new Promise((done) => setTimeout(done, 5)); // distinct millisecond timestamps, not a timing assertion
    await raw(t.backend, 'POST', `/api/sandbox/${older.id}/last-activity`);
    const ids = (await raw(t.backend, 'GET', '/api/sandbox')).json<{ items: Dto[] }>().items.map((item) => item.id);
    assert.deepEqual(ids, [older.id, newer.id]);
  });

  it('settles a transition left over when the server ended: stopping comes back stopped, archiving archived', async () => {
    const a = await t.daytona.create({ autoStopInterval: 0 });
    const b = await t.daytona.create({ autoStopInterval: 0 });
    await t.stop(true);
    for (const [id, leftOver] of [[a.id, 'stopping'], [b.id, 'archiving']] as const) {
      const file = join(t.dataDir, 'sandboxes', id, 'sandbox.json');
      await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), state: leftOver }));
    }
    t = await startTestBackend({ dataDir: t.dataDir });
    assert.equal((await state(a.id)).state, 'stopped');
    assert.equal((await state(b.id)).state, 'archived');
  });
});

describe('local backend: errored sandboxes (Daytona v0.190 sandbox.service.ts)', () => {
  it('lists one in error, refuses to start it (400 errored state), and recovers it', async () => {
    let t = await startTestBackend();
    try {
      const sandbox = await t.daytona.create({ autoStopInterval: 0 });
      await t.stop(true);
      const file = join(t.dataDir, 'sandboxes', sandbox.id, 'sandbox.json');
      await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), state: 'error', errorReason: 'disk full' }));
      t = await startTestBackend({ dataDir: t.dataDir });
      const item = (await raw(t.backend, 'GET', '/api/sandbox')).json<{ items: (Dto & { errorReason: string; recoverable: boolean })[] }>().items[0];
      assert.deepEqual([item?.state, item?.errorReason, item?.recoverable], ['error', 'disk full', true]);
      const start = await raw(t.backend, 'POST', `/api/sandbox/${sandbox.id}/start`);
      assert.equal(start.status, 400);
      assert.match(start.text, /errored state/);
      assert.equal((await raw(t.backend, 'POST', `/api/sandbox/${sandbox.id}/recover`)).json<Dto>().state, 'started');
    } finally {
      await t.stop();
    }
  });
});
