// Fault matrix: every backend call the pipeline makes, under every failure Daytona's cloud can produce. Transient
// failures must be retried until the preview works; a quota error must end in a clear message; either way no sandbox
// may be left running that the user did not keep (checked by runScenario).
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { StepName } from '../../../src/core/pipeline/steps';
import { sandboxKey } from '../../../src/core/pipeline/run';
import { keyLabels } from '../../../src/daytona/labels';
import type { FaultEffect, FaultRule } from '../../../src/local';
import { FIXTURES_DIR } from '../../support/fixtureRepo';
import type { Case } from '../kit/runner';
import type { Lane } from '../kit/lane';
import { TEST_REQUEST_TIMEOUT_MS } from '../kit/lane';
import { expectForgeError, expectPreviewWorks, runScenario, type ScenarioOptions } from '../kit/scenario';

const PAGE = /Forge fixture: plain-node/;
const TOOLBOX = '^/toolbox/[^/]+';

interface Endpoint {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  /** Extra scenario setup: a stopped sandbox to start, local changes to upload, a slow dev server... */
  readonly setup?: 'stoppedSandbox' | 'localChanges' | 'slowDevServer';
  /** Requests the fault affects: the install's exit status is read by the log follow first, then by the step. */
  readonly times?: number;
}

const ENDPOINTS: readonly Endpoint[] = [
  { name: 'sandbox: list', method: 'GET', path: '^/api/sandbox$' },
  { name: 'sandbox: create', method: 'POST', path: '^/api/sandbox$' },
  { name: 'sandbox: start a stopped one', method: 'POST', path: '^/api/sandbox/[^/]+/start$', setup: 'stoppedSandbox' },
  { name: 'code: git clone', method: 'POST', path: `${TOOLBOX}/git/clone$` },
  { name: 'code: upload local changes', method: 'POST', path: `${TOOLBOX}/files/bulk-upload$`, setup: 'localChanges' },
  { name: 'code: execute (checkout check)', method: 'POST', path: `${TOOLBOX}/process/execute$` },
  { name: 'install: session exec', method: 'POST', path: `${TOOLBOX}/process/session/forge-install/exec$` },
  { name: 'install: exit status', method: 'GET', path: `${TOOLBOX}/process/session/forge-install/command/[^/]+$`, times: 2 },
  { name: 'dev server: session exec', method: 'POST', path: `${TOOLBOX}/process/session/forge-dev/exec$` },
  { name: 'ready: dev server status poll', method: 'GET', path: `${TOOLBOX}/process/session/forge-dev/command/[^/]+$`, setup: 'slowDevServer' },
  { name: 'ready: preview URL', method: 'GET', path: '^/api/sandbox/[^/]+/ports/\\d+/preview-url$' },
  { name: 'preview: signed URL', method: 'GET', path: '^/api/sandbox/[^/]+/ports/\\d+/signed-preview-url$' },
];

interface Fault {
  readonly name: string;
  readonly effect: FaultEffect;
  readonly delayMs?: number;
  readonly transient: boolean;
}

const FAULTS: readonly Fault[] = [
  { name: 'HTTP 429 with Retry-After', effect: { kind: 'rateLimit', retryAfterSeconds: 1 }, transient: true },
  { name: 'HTTP 429 without Retry-After', effect: { kind: 'rateLimit' }, transient: true },
  { name: 'HTTP 500', effect: { kind: 'respond', status: 500 }, transient: true },
  { name: 'HTTP 503', effect: { kind: 'respond', status: 503 }, transient: true },
  { name: 'connection reset', effect: { kind: 'reset' }, transient: true },
  // Hangs past the client's timeout, then the connection dies unanswered (the server never acts on it).
  { name: 'request hangs past its timeout', effect: { kind: 'close' }, delayMs: TEST_REQUEST_TIMEOUT_MS + 1_500, transient: true },
  { name: 'quota exceeded (400)', effect: { kind: 'quota' }, transient: false },
];

export function faultMatrixCases(): Case<Lane>[] {
  const cases: Case<Lane>[] = [];
  for (const endpoint of ENDPOINTS) {
    for (const fault of FAULTS) {
      cases.push({
        suite: 'fault matrix',
        name: `${endpoint.name} × ${fault.name}`,
        // One scenario per fault; the calls it hits are its variants.
        scenario: `a backend call fails once with ${fault.name}`,
        run: (lane) => faultCase(lane, endpoint, fault),
      });
    }
  }
  cases.push(...streamCases(), ...deletedFromOutsideCases());
  return cases;
}

async function faultCase(lane: Lane, endpoint: Endpoint, fault: Fault): Promise<void> {
  const rule: FaultRule = { method: endpoint.method, path: endpoint.path, effect: fault.effect, ...(fault.delayMs ? { delayMs: fault.delayMs } : {}), ...(endpoint.times ? { times: endpoint.times } : {}) };
  const prepared = await prepare(lane, endpoint.setup);
  try {
    await faultScenario(lane, prepared, rule, fault);
  } finally {
    // The user's own sandbox stays after a failed start (as it should); remove it so the lane's next case starts clean.
    for (const id of prepared.userKept ?? []) await lane.daytona.get(id).then((s) => lane.daytona.delete(s, 60)).catch(() => undefined);
  }
}

async function faultScenario(lane: Lane, prepared: ScenarioOptions, rule: FaultRule, fault: Fault): Promise<void> {
  await runScenario(lane, { ...prepared, faults: [rule] }, async (result) => {
    if (fault.transient) {
      // Recovered by Forge's retry or by the SDK's own; runScenario checks that the fault was hit at all.
      await expectPreviewWorks(result, PAGE);
    } else {
      expectForgeError(result, 'quota', /refused .*CPU limit exceeded/);
      const error = result.error as { hint?: string };
      assert.match(error.hint ?? '', /limit/);
    }
  });
}

async function prepare(lane: Lane, setup: Endpoint['setup']): Promise<ScenarioOptions> {
  const wc = await lane.copy('plain-node', setup === 'localChanges' ? { localChanges: { untracked: { 'NOTES.md': 'local only\n' }, edit: { 'server.js': await plainNodeServer() } } } : {});
  if (setup === 'stoppedSandbox') {
    // The user's own sandbox for this repository and branch, stopped: the preview must start it.
    const key = sandboxKey({ root: wc.dir, isGit: true, slug: wc.slug ?? '', branch: wc.branch, headPushed: true, changes: [] });
    const sandbox = await lane.daytona.create({ language: 'typescript', labels: keyLabels(key) });
    await sandbox.stop(60);
    return { folder: wc.dir, userKept: [sandbox.id] };
  }
  if (setup === 'slowDevServer') return { folder: wc.dir, settings: { devCommand: 'sleep 1.5 && node server.js', port: 8080 } };
  return { folder: wc.dir };
}

async function plainNodeServer(): Promise<string> {
  return (await readFile(`${FIXTURES_DIR}/plain-node/server.js`, 'utf8')).replace('plain-node</h1>', 'plain-node (edited)</h1>');
}

/** The log WebSockets: dropped mid-stream, or refused once, the logs still arrive and the preview still works. */
function streamCases(): Case<Lane>[] {
  const logs = (session: string): string => `${TOOLBOX}/process/session/${session}/command/[^/]+/logs$`;
  return [
    {
      suite: 'fault matrix',
      name: 'install: log WebSocket dropped mid-stream',
      run: async (lane) => {
        const wc = await chattyInstallCopy(lane);
        await runScenario(lane, { folder: wc.dir, faults: [{ path: logs('forge-install'), effect: { kind: 'dropWebSocket', afterBytes: 200 } }] }, async (result) => {
          await expectPreviewWorks(result, PAGE);
          const text = result.logs.join('');
          assert.ok(text.includes('install-done'), 'the install output after the drop still arrived');
          assert.equal(text.split('install line 1\n').length - 1, 1, 'the replayed part was not delivered twice');
        });
      },
    },
    {
      suite: 'fault matrix',
      name: 'install: log WebSocket refused with HTTP 503',
      run: async (lane) => {
        const wc = await chattyInstallCopy(lane);
        await runScenario(lane, { folder: wc.dir, faults: [{ method: 'GET', path: logs('forge-install'), effect: { kind: 'respond', status: 503 } }] }, async (result) => {
          await expectPreviewWorks(result, PAGE);
          assert.ok(result.logs.join('').includes('install-done'));
        });
      },
    },
    {
      suite: 'fault matrix',
      name: 'dev server: log WebSocket dropped mid-stream',
      run: async (lane) => {
        const wc = await lane.copy('plain-node');
        // The marker comes after the drop and well before the server listens, so the pipeline's own follow sees it.
        const dev = 'echo "dev starting with a long banner line to cross the byte limit"; sleep 0.3; echo after-drop-marker; sleep 1.5; node server.js';
        await runScenario(lane, { folder: wc.dir, settings: { devCommand: dev, port: 8080 }, faults: [{ path: logs('forge-dev'), effect: { kind: 'dropWebSocket', afterBytes: 30 } }] }, async (result) => {
          await expectPreviewWorks(result, PAGE);
          const text = result.logs.join('');
          assert.equal(text.split('dev starting').length - 1, 1, 'the banner arrived exactly once');
          assert.equal(text.split('after-drop-marker').length - 1, 1, 'the line after the drop arrived, once');
        });
      },
    },
  ];
}

/** plain-node whose (locally edited) package.json has a preinstall script that prints 40 lines over a second. */
async function chattyInstallCopy(lane: Lane): Promise<{ dir: string }> {
  const pkg = {
    name: 'fixture-plain-node',
    private: true,
    version: '0.0.0',
    scripts: { preinstall: 'for i in $(seq 1 40); do echo "install line $i"; sleep 0.02; done; echo install-done', dev: 'node server.js' },
  };
  return lane.copy('plain-node', { localChanges: { edit: { 'package.json': `${JSON.stringify(pkg, null, 2)}\n` } } });
}

/** The sandbox deleted by someone else while a step talks to it: a clear "no longer exists", nothing left behind. */
function deletedFromOutsideCases(): Case<Lane>[] {
  const at: readonly { step: StepName; rule: Omit<FaultRule, 'effect' | 'delayMs'> }[] = [
    { step: 'code', rule: { method: 'POST', path: `${TOOLBOX}/process/execute$` } },
    { step: 'install', rule: { method: 'POST', path: `${TOOLBOX}/process/session$` } },
    { step: 'ready', rule: { method: 'GET', path: '^/api/sandbox/[^/]+/ports/\\d+/preview-url$' } },
  ];
  return at.map(({ step, rule }) => ({
    suite: 'fault matrix',
    name: `sandbox deleted from outside during step ${step}`,
    run: async (lane) => {
      const wc = await lane.copy('plain-node');
      // The step's first call is held for a moment; meanwhile another client deletes the sandbox.
      const faults: FaultRule[] = [{ ...rule, delayMs: 1_500, effect: { kind: 'pass' } }];
      let deletion: Promise<unknown> = Promise.resolve();
      await runScenario(
        lane,
        {
          folder: wc.dir,
          faults,
          onStep: (begun, run) => {
            if (begun !== step || !run.sandboxId) return;
            const id = run.sandboxId;
            deletion = lane.daytona.get(id).then((s) => lane.daytona.delete(s, 60));
          },
        },
        async (result) => {
          await deletion;
          expectForgeError(result, 'sandbox-gone', /no longer exists/);
        },
      );
    },
  }));
}
