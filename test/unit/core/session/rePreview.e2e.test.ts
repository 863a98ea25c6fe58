// The re-preview fast path (src/core/session/rePreview.ts) against the local backend and the real SDK: taken when
// nothing changed and the dev server answers (no sandbox, code or install step, one health probe), and not taken
// when the dev server is down or a local edit is not in the sandbox yet.
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { quote } from 'shell-quote';
import type { StepName } from '../../../../src/core/pipeline/steps';
import { PreviewSession } from '../../../../src/core/session/previewSession';
import { previewOrReuse, type SessionRequest, type SessionRun } from '../../../../src/core/session/rePreview';
import { homeRelative } from '../../../../src/core/sandboxExec';
import { SILENT_LOGGER, testPreviewRequest } from '../../../support/previewRequest';
import { fetchText, TOKEN, useStack } from '../pipeline/harness';

describe('Re-preview fast path (core session, local backend, real SDK)', function () {
  this.timeout(240_000);
  const { stack, copy } = useStack();

  /** A request as the adapters make it, recording the steps that began. */
  function request(folder: string, steps: StepName[], extra: Partial<SessionRequest> = {}): SessionRequest {
    const base = testPreviewRequest(
      { folder, daytona: stack().daytona, githubHost: stack().git.baseUrl, token: TOKEN },
      { progress: { begin: (step) => steps.push(step), detail: () => undefined, end: () => undefined }, settings: { readyTimeoutSeconds: 60 } },
    );
    return { ...base, ...extra };
  }

  /** A first full setup and its session, ready, with a counter of health probes. */
  async function firstPreview(folder: string): Promise<{ session: PreviewSession; probes: () => number }> {
    const run = await previewOrReuse(request(folder, []));
    assert.equal(run.fast, false);
    if (run.fast) throw new Error('unreachable');
    const lines: string[] = [];
    const session = new PreviewSession(run.outcome.preview, {
      output: { append: (t) => lines.push(t), note: (t) => lines.push(t), recent: () => lines },
      logger: SILENT_LOGGER,
      settings: () => Promise.resolve(request(folder, []).settings),
      githubToken: () => Promise.resolve(TOKEN),
    });
    session.remember(run.memo);
    session.machine.apply({ type: 'answered', attempt: 1 });
    let probes = 0;
    const health = session.health.bind(session);
    session.health = () => {
      probes += 1;
      return health();
    };
    return { session, probes: () => probes };
  }

  function full(run: SessionRun): Extract<SessionRun, { fast: false }> {
    assert.equal(run.fast, false, 'the fast path was taken');
    if (run.fast) throw new Error('unreachable');
    return run;
  }

  it('answers from state and one health probe when nothing changed: no sandbox, code, detect or install step', async () => {
    const wc = await copy('express');
    const { session, probes } = await firstPreview(wc.dir);
    const steps: StepName[] = [];
    const started = performance.now();
    const run = await previewOrReuse(request(wc.dir, steps, { previous: session }));
    const ms = performance.now() - started;
    assert.equal(run.fast, true, `not fast: ${run.fast ? '' : run.why}`);
    if (!run.fast) return;
    assert.deepEqual(steps, ['repo', 'ready']);
    assert.deepEqual(Object.keys(run.timings).sort(), ['ready', 'repo']);
    assert.equal(probes(), 1);
    assert.equal(run.health.devServerRunning, true);
    assert.ok(ms < 5_000, `the fast path took ${Math.round(ms)} ms`);
    session.dispose();
  });

  it('sets up again, restarting the dev server, when it is down', async () => {
    const wc = await copy('express');
    const { session, probes } = await firstPreview(wc.dir);
    const { sessionId } = session.info.devServer;
    await session.preview.sandbox.process.deleteSession(sessionId);
    const steps: StepName[] = [];
    const run = full(await previewOrReuse(request(wc.dir, steps, { previous: session })));
    assert.match(run.why, /does not answer/);
    assert.equal(probes(), 1);
    assert.ok(steps.includes('devServer') && steps.includes('install'), `steps: ${steps.join(', ')}`);
    assert.equal(run.outcome.preview.info.sandboxId, session.info.sandboxId);
    assert.equal((await fetchText(run.outcome.previewUrl)).status, 200);
    session.dispose();
  });

  it('sets up again, uploading the edit, when a local edit is not in the sandbox (no sync vouches for it)', async () => {
    const wc = await copy('express', { localChanges: { untracked: { 'NOTES.md': 'first\n' } } });
    const { session, probes } = await firstPreview(wc.dir);
    await writeFile(path.join(wc.dir, 'NOTES.md'), 'second, longer\n');
    const run = full(await previewOrReuse(request(wc.dir, [], { previous: session, inSync: () => false })));
    assert.match(run.why, /local edits/);
    assert.equal(probes(), 0);
    const notes = quote([`${homeRelative(run.outcome.preview.info.repoPath)}/NOTES.md`]);
    const shown = await run.outcome.preview.sandbox.process.executeCommand(`cat ${notes}`, undefined, undefined, 30);
    assert.equal(shown.result.trim(), 'second, longer');
    session.dispose();
  });
});
