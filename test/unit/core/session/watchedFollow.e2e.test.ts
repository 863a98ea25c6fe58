// The log follow paused while nobody watches (PreviewSession.setWatched, fed by src/vscode/previews/logWatch.ts)
// against the local backend and the real SDK: while paused the stream is closed and nothing arrives; on resume the
// lines printed meanwhile arrive once, and nothing shown before is shown again. The health probe needs no follow.
import * as assert from 'node:assert/strict';
import { fullCommandLog } from '../../../../src/core/logs/fullLog';
import { PreviewSession } from '../../../../src/core/session/previewSession';
import { SILENT_LOGGER } from '../../../support/previewRequest';
import { eventually, fetchText, LOGGING_SERVER, TOKEN, useStack } from '../pipeline/harness';

describe('Log follow paused while nobody watches (core session, local backend, real SDK)', function () {
  this.timeout(240_000);
  const { stack, copy } = useStack();

  it('resumes after what was shown: the lines printed while paused arrive once, none twice', async () => {
    const wc = await copy('express', { localChanges: { edit: { 'server.js': LOGGING_SERVER } } });
    const outcome = await stack().preview(wc.dir);
    const shown: string[] = [];
    const session = new PreviewSession(outcome.preview, {
      output: { append: (t) => shown.push(t), note: (t) => shown.push(`[Forge] ${t}\n`), recent: () => shown },
      logger: SILENT_LOGGER,
      settings: () => Promise.reject(new Error('not needed')),
      githubToken: () => Promise.resolve(TOKEN),
    });
    const visit = (n: string): Promise<unknown> => fetchText(`${outcome.previewUrl}${outcome.previewUrl.includes('?') ? '&' : '?'}n=${n}`);
    const text = (): string => shown.join('');
    const { sessionId, commandId } = outcome.preview.info.devServer;
    try {
      session.followLogs();
      await visit('one');
      await eventually(() => text().includes('served one'));

      session.setWatched(false);
      await visit('two');
      await visit('three');
      // The dev server printed them (the sandbox keeps the log), but the closed stream delivered nothing.
      await eventually(async () => (await fullCommandLog(outcome.preview.sandbox, sessionId, commandId)).includes('served three'));
      await new Promise((r) => setTimeout(r, 500));
      assert.ok(!text().includes('served two'), `delivered while paused: ${text()}`);
      const health = await session.health();
      assert.equal(health.devServerRunning, true, 'the health probe works without the follow');

      session.setWatched(true);
      await visit('four');
      await eventually(() => text().includes('served four'));
      for (const n of ['one', 'two', 'three', 'four']) assert.equal(occurrences(text(), `served ${n}\n`), 1, `"served ${n}" in: ${text()}`);
      const order = ['one', 'two', 'three', 'four'].map((n) => text().indexOf(`served ${n}`));
      assert.deepEqual([...order].sort((a, b) => a - b), order, 'in the order printed');
      assert.equal(occurrences(text(), 'express listening'), 0, 'the setup already showed the banner: not again');
    } finally {
      session.dispose();
    }
  });
});

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}
