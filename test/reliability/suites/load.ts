// Load: six previews started at once through the extension's forge.maxConcurrentPreviews guard (PreviewGate): five
// run, the sixth waits its turn, a repeat of one being set up is refused; and the extension host's event loop while a dev server floods 1,000 log lines a second.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { followCommandLogs } from '../../../src/core/logs/follow';
import { LineBatcher } from '../../../src/core/logs/lineBatcher';
import { runPreview, type PreviewOutcome } from '../../../src/core/pipeline/run';
import { PreviewGate } from '../../../src/core/previewGate';
import { ForgeError } from '../../../src/common/errors';
import { SILENT_LOGGER, testPreviewRequest } from '../../support/previewRequest';
import { TOKEN } from '../../unit/core/pipeline/harness';
import type { Lane } from '../kit/lane';
import type { Case } from '../kit/runner';
import { metrics } from '../kit/scenario';

/** The guard's counts from the concurrency case (PreviewGate.counts), and the flood's figures. */
export const loadFigures: {
  concurrentPreviews: number;
  previewsAdmitted: number;
  previewsWaited: number;
  previewsRefused: number;
  maxStallMs?: number;
  linesDelivered?: number;
  floodSeconds?: number;
} = { concurrentPreviews: 0, previewsAdmitted: 0, previewsWaited: 0, previewsRefused: 0 };


export function loadCases(full: boolean): Case<Lane>[] {
  return [
    { suite: 'load', name: "six previews at once through the extension's forge.maxConcurrentPreviews guard: five run, the sixth waits, a repeat is refused", run: concurrentPreviews },
    { suite: 'load', name: `event loop responsive while a dev server prints 1,000 lines/s for ${full ? 60 : 10} s`, run: (lane) => logFlood(lane, full ? 60 : 10) },
  ];
}

/** The manifest's default of forge.maxConcurrentPreviews: the limit the extension's guard starts with. */
function manifestLimit(): number {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { configuration: readonly { properties: Record<string, { default?: unknown }> }[] };
  };
  const setting = manifest.contributes.configuration.flatMap((section) => Object.entries(section.properties)).find(([key]) => key === 'forge.maxConcurrentPreviews');
  assert.equal(typeof setting?.[1].default, 'number', 'forge.maxConcurrentPreviews has a numeric default');
  return setting?.[1].default as number;
}

/**
 * Six repositories previewed at once through the extension's guard (PreviewGate, as PreviewManager.preview uses it:
 * claim the key, wait for a slot, run the pipeline), plus a second preview of a repository already being set up.
 * The figures are the guard's own counts.
 */
async function concurrentPreviews(lane: Lane): Promise<void> {
  const limit = manifestLimit();
  const copies = await Promise.all(Array.from({ length: limit + 1 }, () => lane.copy('plain-node')));
  const gate = new PreviewGate(limit);
  const waitNotes: string[] = [];
  const order: string[] = [];
  const one = async (folder: string, index: number): Promise<PreviewOutcome> => {
    const unclaim = gate.claim(folder, `repository ${index}`);
    try {
      const release = await gate.slot(undefined, (position) => waitNotes.push(`preview ${index} waits (${position} in line)`));
      order.push(`start ${index}`);
      try {
        return await runPreview(testPreviewRequest({ folder, daytona: lane.daytona, githubHost: lane.git.baseUrl, token: TOKEN }, { settings: { readyTimeoutSeconds: 60 } }));
      } finally {
        order.push(`end ${index}`);
        release();
      }
    } finally {
      unclaim();
    }
  };
  const started = copies.map((wc, i) => one(wc.dir, i));
  // The same repository again while it is being set up: the guard refuses it.
  const again = await one(copies[0]?.dir ?? '', 0).then(
    () => undefined,
    (error: unknown) => error,
  );
  const settled = await Promise.allSettled(started);
  const outcomes = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  try {
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason instanceof Error ? s.reason.message : String(s.reason)] : []));
    assert.deepEqual(failures, [], 'every preview succeeds');
    for (const outcome of outcomes) {
      const response = await fetch(outcome.previewUrl, { signal: AbortSignal.timeout(15_000) });
      assert.match(await response.text(), /Forge fixture: plain-node/);
    }
    assert.ok(again instanceof ForgeError && /already being set up/.test(again.message), `a second preview of a repository being set up is refused, got ${String(again)}`);
    assert.deepEqual(gate.counts, { admitted: limit + 1, waited: 1, refused: 1, cancelled: 0, maxRunning: limit });
    assert.deepEqual(waitNotes, [`preview ${limit} waits (1 in line)`], 'the last was told it waits');
    assert.ok(order.indexOf(`start ${limit}`) > order.findIndex((e) => e.startsWith('end ')), 'the last started only after one finished');
    assert.equal(new Set(outcomes.map((o) => o.preview.info.sandboxId)).size, limit + 1, 'one sandbox per repository');
    Object.assign(loadFigures, { concurrentPreviews: gate.counts.maxRunning, previewsAdmitted: gate.counts.admitted, previewsWaited: gate.counts.waited, previewsRefused: gate.counts.refused });
  } finally {
    await Promise.all(outcomes.map((o) => o.preview.sandbox.delete(60).catch(() => undefined)));
  }
  const left: string[] = [];
  for await (const sandbox of lane.daytona.list()) if (sandbox.state === 'started') left.push(sandbox.id);
  metrics.orphanedSandboxes += left.length;
  assert.deepEqual(left, [], 'no sandbox left running');
}

async function logFlood(lane: Lane, seconds: number): Promise<void> {
  const total = seconds * 1000;
  const sandbox = await lane.daytona.create({ language: 'typescript', labels: { 'forge.test': 'flood' } });
  try {
    await sandbox.process.createSession('flood');
    const script = `let n = 0; const t = setInterval(() => { for (let i = 0; i < 100 && n < ${total}; i++) console.log('flood line ' + (n++) + ' lorem ipsum dolor sit amet, consectetur adipiscing elit'); if (n >= ${total}) clearInterval(t); }, 100);`;
    const { cmdId } = await sandbox.process.executeSessionCommand('flood', { command: `node -e ${JSON.stringify(script)}`, runAsync: true });
    let lines = 0;
    let skipped = 0;
    let deliveries = 0;
    // What the Output channel receives: one batched call per interval (LineBatcher), counted here.
    const batcher = new LineBatcher((text) => {
      deliveries++;
      const note = /\[Forge: (\d+) log lines skipped/.exec(text);
      if (note) skipped += Number(note[1]);
      lines += (text.match(/^flood line /gm) ?? []).length;
    });
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = Date.now();
    await followCommandLogs(sandbox, 'flood', cmdId, (text) => batcher.push(text), { logger: SILENT_LOGGER, signal: AbortSignal.timeout((seconds + 30) * 1000) });
    batcher.dispose();
    delay.disable();
    const maxStallMs = Math.round(delay.max / 1e6);
    loadFigures.maxStallMs = maxStallMs;
    loadFigures.linesDelivered = lines;
    loadFigures.floodSeconds = Math.round((Date.now() - started) / 100) / 10;
    assert.equal(lines + skipped, total, `every line delivered or counted as skipped (${lines} delivered, ${skipped} skipped)`);
    assert.ok(deliveries < total / 5, `output batched (${deliveries} deliveries for ${total} lines)`);
    // The stall is reported, not asserted: it is wall-clock time, which the machine's load sets as much as Forge
    // does, so its target (< 50 ms) lives in `npm run bench` (log-flood), where the run is measured alone.
  } finally {
    await lane.daytona.delete(sandbox, 60).catch(() => undefined);
  }
}
