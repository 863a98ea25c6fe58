// Crash and restart: the local backend closed and started again on the same data directory keeps its sandboxes
// (stopped) and files, and a preview of the same repository picks its sandbox up again; the pipeline reports the
// sandbox as soon as it exists, so a window that dies mid-preview can find it on the next activation.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runPreview } from '../../../src/core/pipeline/run';
import { createDaytonaClient } from '../../../src/daytona/connection';
import { testPreviewRequest } from '../../support/previewRequest';
import { TOKEN } from '../../unit/core/pipeline/harness';
import { startLocalBackend } from '../../../src/local';
import type { Lane } from '../kit/lane';
import { TEST_REQUEST_TIMEOUT_MS } from '../kit/lane';
import type { Case } from '../kit/runner';
import { expectForgeError, expectPreviewWorks, runScenario } from '../kit/scenario';

export function restartCases(): Case<Lane>[] {
  return [
    { suite: 'restart', name: 'local backend restarted: sandboxes and files kept, back as stopped; a new preview reuses the sandbox', run: backendRestart },
    { suite: 'restart', name: 'onSandbox reports the new sandbox before the code step (so a reload mid-preview can find it)', run: sandboxReportedEarly },
  ];
}

async function backendRestart(lane: Lane): Promise<void> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'forge-reliability-restart-'));
  const apiKey = 'forge-restart-test-key-0123456789';
  const wc = await lane.copy('plain-node');
  try {
    const first = await startLocalBackend({ dataDir, apiKey });
    const client = (apiUrl: string) => createDaytonaClient({ kind: 'local', apiUrl, apiKey, requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS });
    let sandboxId: string;
    try {
      const daytona = client(first.apiUrl);
      const sandbox = await daytona.create({ language: 'typescript', labels: { 'forge.test': 'restart' } });
      sandboxId = sandbox.id;
      await sandbox.fs.uploadFile(Buffer.from('kept across restarts\n'), '/home/daytona/notes/kept.txt');
    } finally {
      await first.close();
    }
    const second = await startLocalBackend({ dataDir, apiKey });
    try {
      const daytona = client(second.apiUrl);
      const again = await daytona.get(sandboxId);
      assert.equal(again.state, 'stopped', 'a sandbox that was running comes back stopped (its processes died)');
      assert.equal(again.labels['forge.test'], 'restart');
      await again.start(60);
      assert.equal((await again.fs.downloadFile('/home/daytona/notes/kept.txt')).toString('utf8'), 'kept across restarts\n');
      await again.stop(60);
    } finally {
      await second.close();
    }
    // The same on the lane's backend through the pipeline: preview, restart the backend, preview again.
    const restartedLane = await restartLaneBackend(lane, wc.dir);
    assert.ok(restartedLane, 'the second preview reused the first one\'s sandbox');
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Previews on a private backend, restarts it on the same data dir, previews again: the sandbox is started, not recreated. */
async function restartLaneBackend(lane: Lane, folder: string): Promise<boolean> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'forge-reliability-restart-lane-'));
  const apiKey = 'forge-restart-lane-key-0123456789';
  try {
    for (const round of [1, 2]) {
      const backend = await startLocalBackend({ dataDir, apiKey });
      const daytona = createDaytonaClient({ kind: 'local', apiUrl: backend.apiUrl, apiKey, requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS });
      const own: Lane = { ...lane, backend, daytona, dataDir };
      try {
        let reused = false;
        await runScenario(own, { folder }, async (r) => {
          const outcome = await expectPreviewWorks(r, /Forge fixture: plain-node/);
          reused = outcome.reused;
        }).catch((error: unknown) => {
          throw new Error(`round ${round}: ${error instanceof Error ? error.message : String(error)}`);
        });
        if (round === 2) return reused;
        // runScenario deletes the preview's sandbox afterwards; keep one for round 2 by previewing once more without it.
        await keepOne(own, folder);
      } finally {
        await backend.close();
      }
    }
    return false;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function keepOne(lane: Lane, folder: string): Promise<void> {
  await runPreview(testPreviewRequest({ folder, daytona: lane.daytona, githubHost: lane.git.baseUrl, token: TOKEN }));
}

async function sandboxReportedEarly(lane: Lane): Promise<void> {
  const wc = await lane.copy('plain-node');
  let reported: string | undefined;
  await runScenario(
    lane,
    {
      folder: wc.dir,
      // The window "dies" as the code step begins: the run is cut off there (a cancel, which also cleans up).
      onStep: (step, run) => {
        if (step === 'code') {
          reported = run.sandboxId;
          run.abort.abort();
        }
      },
    },
    async (r) => {
      expectForgeError(r, 'cancelled', /Cancelled/);
      const sandboxEvent = r.events.findIndex((e) => e.startsWith('sandbox:'));
      assert.ok(sandboxEvent !== -1 && sandboxEvent < r.events.indexOf('step:code'), `onSandbox fired before the code step (${r.events.join(', ')})`);
      assert.ok(reported, 'the sandbox id was known when the code step began');
      // It was the sandbox this run created, and the cancel cleaned it up.
      await assert.rejects(lane.daytona.get(reported));
    },
  );
}
