// Sustained faults, where the fault matrix fires each fault once: a call that fails for good (past the retry
// budget), the whole backend down for a while and then back, and a log stream cut at every reconnect.
import * as assert from 'node:assert/strict';
import type { FaultRule } from '../../../src/local';
import type { Case } from '../kit/runner';
import type { Lane } from '../kit/lane';
import { expectForgeError, expectPreviewWorks, runScenario } from '../kit/scenario';

const PAGE = /Forge fixture: plain-node/;
const TOOLBOX = '^/toolbox/[^/]+';

/** Forge's retry budget (src/core/retry.ts): 4 retries, 0.5 s doubling, ±25 %: at least 5.6 s of waiting. */
const SHORTER_THAN_THE_BUDGET_MS = 3_000;
/** Well within the clean-up's retry budget (at least 29.6 s, src/core/pipeline/run.ts). */
const BACK_AFTER_CLEAN_UP_BEGINS_MS = 5_000;

export function outageCases(): Case<Lane>[] {
  return [
    forGood('sandbox: create', { method: 'POST', path: '^/api/sandbox$', effect: { kind: 'respond', status: 503 } }),
    forGood('code: git clone', { method: 'POST', path: `${TOOLBOX}/git/clone$`, effect: { kind: 'reset' } }),
    {
      suite: 'fault matrix',
      name: `the backend is down ${SHORTER_THAN_THE_BUDGET_MS / 1000} s from the install step on, then back: the preview works`,
      run: async (lane) => {
        const wc = await lane.copy('plain-node');
        await runScenario(lane, { folder: wc.dir, onStep: outageAt(lane, 'install', SHORTER_THAN_THE_BUDGET_MS).onStep }, async (result) => {
          await expectPreviewWorks(result, PAGE);
        });
      },
    },
    {
      // Down until Forge has given up (past its retry budget, however slow the machine) and a while into its
      // clean-up, then back: the clean-up keeps trying and removes the sandbox the run created.
      suite: 'fault matrix',
      name: `the backend is down from the install step until Forge gives up and ${BACK_AFTER_CLEAN_UP_BEGINS_MS / 1000} s more, then back: a clear error, nothing left`,
      run: async (lane) => {
        const wc = await lane.copy('plain-node');
        const outage = outageAt(lane, 'install', 60_000);
        const onInfo = (line: string): void => {
          if (/^Deleting sandbox .*which this attempt created/.test(line)) setTimeout(outage.end, BACK_AFTER_CLEAN_UP_BEGINS_MS).unref();
        };
        await runScenario(lane, { folder: wc.dir, onStep: outage.onStep, onInfo }, (result) => {
          expectForgeError(result, 'backend-unavailable', /local backend/i);
        });
      },
    },
    {
      suite: 'fault matrix',
      name: 'dev server: log WebSocket cut mid-stream at every reconnect: the preview works, no line twice',
      run: async (lane) => {
        const wc = await lane.copy('plain-node');
        const dev = 'for i in 1 2 3 4 5; do echo "dev line $i of a banner long enough to cross the cut"; sleep 0.2; done; node server.js';
        const cut: FaultRule = { path: `${TOOLBOX}/process/session/forge-dev/command/[^/]+/logs$`, effect: { kind: 'dropWebSocket', afterBytes: 40 }, times: 'always' };
        await runScenario(lane, { folder: wc.dir, settings: { devCommand: dev, port: 8080 }, faults: [cut] }, async (result) => {
          await expectPreviewWorks(result, PAGE);
          const text = result.logs.join('');
          for (let i = 1; i <= 5; i++) assert.ok(text.split(`dev line ${i} `).length - 1 <= 1, `dev line ${i} arrived twice`);
        });
      },
    },
  ];
}

/** One call failing for as long as the preview tries: a clear message once the retries are spent, no sandbox left. */
function forGood(call: string, rule: FaultRule): Case<Lane> {
  return {
    suite: 'fault matrix',
    name: `${call} fails for good (past the retry budget): a clear error, nothing left running`,
    run: async (lane) => {
      const wc = await lane.copy('plain-node');
      await runScenario(lane, { folder: wc.dir, faults: [{ ...rule, times: 'always' }] }, (result) => {
        const error = expectForgeError(result, 'backend-unavailable', /local backend/i);
        assert.match(error.hint ?? '', /\w/, 'no next step for the user');
      });
    },
  };
}

/** From the start of `step` on, every request to the backend is reset for `ms` at most (or until `end`). */
function outageAt(lane: Lane, step: string, ms: number): { onStep: (begun: string) => void; end: () => void } {
  const down: FaultRule = { path: '.*', effect: { kind: 'reset' }, times: 'always' };
  const end = (): void => lane.backend.faults.remove(down);
  return {
    end,
    onStep: (begun) => {
      if (begun !== step) return;
      lane.backend.faults.add(down);
      setTimeout(end, ms).unref();
    },
  };
}
