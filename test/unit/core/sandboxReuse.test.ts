// Forge reuses a sandbox Daytona is still working on (after waiting for it) instead of creating a duplicate,
// and lets the user recover or delete an errored one. Against the twin with real transitional states.
import { strict as assert } from 'node:assert';
import { Daytona } from '@daytonaio/sdk';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { keyLabels, type ForgeSandboxKey } from '../../../src/daytona/labels';
import { lifecycleIntervals } from '../../../src/core/pipeline/lifecycleIntervals';
import type { ErroredSandbox } from '../../../src/core/pipeline/sandboxReuse';
import { acquireSandbox } from '../../../src/core/pipeline/sandboxStep';
import { DEFAULT_PREVIEW_SETTINGS } from '../../../src/core/pipeline/settings';
import { ForgeError } from '../../../src/common/errors';
import type { Logger } from '../../../src/common/logger';
import { eventually, raw, startTestBackend, type TestBackend } from '../local/helpers';

const quiet: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const key: ForgeSandboxKey = { repo: 'acme/shop', branch: 'main' };
const settings = { ...DEFAULT_PREVIEW_SETTINGS, resources: { sandboxClass: 'small' as const, cpu: 1, memory: 1, disk: 3 } };

describe('Reusing a sandbox in a transitional or error state (local backend, real SDK)', function () {
  this.timeout(30_000);
  let t: TestBackend;
  afterEach(() => t.stop());

  const forgeSandboxes = async (): Promise<{ id: string; state: string }[]> =>
    (await raw(t.backend, 'GET', `/api/sandbox?labels=${encodeURIComponent(JSON.stringify(keyLabels(key)))}`)).json<{ items: { id: string; state: string }[] }>().items;

  for (const [transition, request] of [['stopping', 'stop'], ['archiving', 'archive']] as const) {
    it(`waits out ${transition} and reuses the sandbox instead of creating a duplicate`, async () => {
      t = await startTestBackend({ timing: { transitionMs: 800 } });
      const first = await t.daytona.create({ labels: keyLabels(key), autoStopInterval: 0 });
      if (request === 'archive') await first.stop();
      await raw(t.backend, 'POST', `/api/sandbox/${first.id}/${request}`);
      assert.deepEqual((await forgeSandboxes()).map((s) => s.state), [transition]);
      const acquired = await acquireSandbox(t.daytona, key, settings, quiet, { signal: new AbortController().signal });
      assert.equal(acquired.sandbox.id, first.id);
      assert.equal(acquired.created, false);
      assert.equal(acquired.sandbox.state, 'started');
      assert.equal((await forgeSandboxes()).length, 1, 'no duplicate sandbox');
    });
  }

  const errored = async (): Promise<string> => {
    t = await startTestBackend();
    const sandbox = await t.daytona.create({ labels: keyLabels(key), autoStopInterval: 0 });
    await t.stop(true);
    const file = join(t.dataDir, 'sandboxes', sandbox.id, 'sandbox.json');
    await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), state: 'error', errorReason: 'disk full' }));
    t = await startTestBackend({ dataDir: t.dataDir });
    return sandbox.id;
  };

  it('asks about an errored sandbox and recovers it when told to', async () => {
    const id = await errored();
    const asked: ErroredSandbox[] = [];
    const acquired = await acquireSandbox(t.daytona, key, settings, quiet, { onErrored: (info) => (asked.push(info), Promise.resolve('recover')) });
    assert.deepEqual(asked.map((a) => [a.id, a.state, a.errorReason, a.recoverable]), [[id, 'error', 'disk full', true]]);
    assert.equal(acquired.sandbox.id, id);
    assert.equal(acquired.sandbox.state, 'started');
  });

  it('deletes an errored sandbox and creates a new one when told to', async () => {
    const id = await errored();
    const acquired = await acquireSandbox(t.daytona, key, settings, quiet, { onErrored: () => Promise.resolve('delete') });
    assert.notEqual(acquired.sandbox.id, id);
    assert.equal(acquired.created, true);
    assert.deepEqual((await forgeSandboxes()).map((s) => s.id), [acquired.sandbox.id]);
  });

  it('without anyone to ask (the CLI), stops with the reason and what to do, creating nothing', async () => {
    const id = await errored();
    await assert.rejects(acquireSandbox(t.daytona, key, settings, quiet), (error: unknown) => {
      assert.ok(error instanceof ForgeError);
      assert.match(error.message, new RegExp(`${id} is in an error state \\(disk full\\)`));
      assert.match(error.hint ?? '', /Recover or delete it/);
      return true;
    });
    assert.deepEqual((await forgeSandboxes()).map((s) => s.id), [id]);
  });
});

// Daytona lists an organisation's sandboxes in every region (v0.190 sandbox.controller.ts `listSandboxes` takes no
// region), and so does the twin: reuse must keep to the target Forge creates in.
describe('Reusing only a sandbox in the configured target (local backend, real SDK)', function () {
  this.timeout(30_000);
  let t: TestBackend;
  afterEach(() => t.stop());
  const clientIn = (target: string): Daytona => new Daytona({ apiKey: t.backend.apiKey, apiUrl: t.backend.apiUrl, target });

  it('creates a sandbox in its own target instead of reusing the same repository and branch in another one', async () => {
    t = await startTestBackend();
    const elsewhere = await clientIn('eu').create({ labels: keyLabels(key), autoStopInterval: 0 });
    assert.equal(elsewhere.target, 'eu');
    const acquired = await acquireSandbox(clientIn('us'), key, settings, quiet, { target: 'us' });
    assert.notEqual(acquired.sandbox.id, elsewhere.id, 'the eu sandbox is not reused by a us preview');
    assert.equal(acquired.created, true);
    assert.equal(acquired.sandbox.target, 'us');
  });

  it('reuses the sandbox in its own target, and any target when none is configured', async () => {
    t = await startTestBackend();
    const first = await clientIn('eu').create({ labels: keyLabels(key), autoStopInterval: 0 });
    assert.equal((await acquireSandbox(clientIn('eu'), key, settings, quiet, { target: 'eu' })).sandbox.id, first.id);
    assert.equal((await acquireSandbox(t.daytona, key, settings, quiet)).sandbox.id, first.id);
  });
});

describe("Forge's lifecycle defaults end in deletion (local backend with Daytona's auto-delete rule)", function () {
  this.timeout(60_000);
  it('a stopped sandbox created with the default settings is deleted, not archived forever', async () => {
    // A minute of 0.4 ms: 7 days pass in about 4 s (a wait bounded by `eventually`, not a timing assertion).
    const t = await startTestBackend({ timing: { minuteMs: 0.4, tickMs: 10 } });
    try {
      const acquired = await acquireSandbox(t.daytona, key, { ...settings, autoStopMinutes: 0, autoArchiveMinutes: DEFAULT_PREVIEW_SETTINGS.autoArchiveMinutes, autoDeleteMinutes: DEFAULT_PREVIEW_SETTINGS.autoDeleteMinutes }, quiet);
      await acquired.sandbox.stop();
      const seen = new Set<string>();
      await eventually(async () => {
        const answer = await raw(t.backend, 'GET', `/api/sandbox/${acquired.sandbox.id}`);
        if (answer.status === 404) return true;
        seen.add(answer.json<{ state: string }>().state);
        return false;
      }, 'auto-delete', 40_000);
      assert.ok(!seen.has('archived'), `it was never archived first (states seen: ${[...seen].join(', ')})`);
    } finally {
      await t.stop();
    }
  });

  it('warns when the archive interval comes first (the sandbox would then never be deleted on Daytona)', () => {
    const warnings: string[] = [];
    lifecycleIntervals({ autoArchiveMinutes: 1440, autoDeleteMinutes: 10080 }, { ...quiet, warn: (m) => warnings.push(m) });
    lifecycleIntervals({ autoArchiveMinutes: 0, autoDeleteMinutes: 10080 }, { ...quiet, warn: (m) => warnings.push(m) });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /never auto-deletes an archived sandbox/);
  });
});
