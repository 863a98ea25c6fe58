import * as assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createWorkingTreeReader } from '../../../../src/core/pipeline/defaultWorkingTree';
import type { PreviewOutcome } from '../../../../src/core/pipeline/run';
import type { SyncState } from '../../../../src/core/sync/events';
import { startPreviewSync, type PreviewSync } from '../../../../src/core/sync/previewSync';
import type { Logger } from '../../../../src/common/logger';
import { applyLocalChanges, makeWorkingCopy, type WorkingCopy } from '../../../support/fixtureRepo';
import { git } from '../../../support/git';
import { eventually, fetchText, startStack, type Stack } from '../pipeline/harness';

const INDEX = (text: string): string => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Forge fixture: vite</title>
  </head>
  <body>
    <div id="root">${text}</div>
    <script type="module" src="/src/main.jsx"></script>
  </body>
</html>
`;

// The preview shows what is in the editor: local changes of every kind at setup, then saves while it runs
// (Vite fixture, local backend, real SDK, git server requiring the token).
describe('Preview sync end to end: the preview serves the working tree, live', function () {
  this.timeout(300_000);
  let stack: Stack;
  let wc: WorkingCopy;
  let outcome: PreviewOutcome;
  let sync: PreviewSync | undefined;
  const logs: string[] = [];
  const logger: Logger = { trace: () => undefined, debug: (m) => logs.push(m), info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(String(m)) };

  before(async () => {
    stack = await startStack();
    wc = await makeWorkingCopy('vite-react', { gitServer: stack.git });
    // A pushed file to delete locally: the fixture's own files are all needed by the app.
    await mkdir(path.join(wc.dir, 'public'), { recursive: true });
    await writeFile(path.join(wc.dir, 'public', 'doomed.txt'), 'doomed file\n');
    await git(wc.dir, ['add', 'public/doomed.txt']);
    await git(wc.dir, ['commit', '-q', '-m', 'doomed']);
    await git(wc.dir, [...stack.git.authArgs(), 'push', '-q', wc.cloneUrl ?? '', 'HEAD:refs/heads/main']);
    await git(wc.dir, [...stack.git.authArgs(), 'fetch', '-q', wc.cloneUrl ?? '', '+refs/heads/*:refs/remotes/origin/*']);
    await applyLocalChanges(wc.dir, {
      unpushed: { 'public/unpushed.txt': 'from an unpushed commit\n' },
      edit: { 'index.html': INDEX('Edited locally, not committed') },
      untracked: { 'public/untracked.txt': 'untracked file\n' },
      delete: ['public/doomed.txt'],
    });
    outcome = await stack.preview(wc.dir);
  });
  after(async () => {
    sync?.dispose();
    await stack.close();
    await wc.cleanup();
  });

  const inSandbox = (relative: string): Promise<string | undefined> => {
    const { sandboxId, repoPath } = outcome.preview.info;
    return readFile(path.join(stack.backend.dataDir, 'sandboxes', sandboxId, 'home', path.basename(repoPath), relative), 'utf8').catch(() => undefined);
  };
  // Keeps the signed URL's token query: the preview answers no request without a credential.
  const served = (relative: string): Promise<{ status: number; text: string }> => {
    const url = new URL(outcome.previewUrl);
    url.pathname = `/${relative}`;
    return fetchText(url.toString());
  };

  it('serves an uncommitted edit, an untracked file and an unpushed commit, and not a deleted file', async () => {
    assert.match((await fetchText(outcome.previewUrl)).text, /Edited locally, not committed/);
    assert.equal((await served('untracked.txt')).text, 'untracked file\n');
    assert.equal((await served('unpushed.txt')).text, 'from an unpushed commit\n');
    assert.equal(await inSandbox('public/doomed.txt'), undefined);
    assert.doesNotMatch((await served('doomed.txt')).text, /doomed file/);
  });

  it('a file written locally reaches the preview URL through the sync queue; the state goes syncing then synced', async () => {
    const states: SyncState[] = [];
    sync = await startPreviewSync({ preview: outcome.preview, tree: createWorkingTreeReader(logger), githubHost: stack.git.baseUrl, includeIgnored: [], logger, onState: (s) => states.push(s) });
    assert.equal(sync.root, wc.dir);
    const samples: number[] = [];
    // FORGE_SYNC_SAMPLES=20 for a measurement; a handful proves the behaviour.
    for (let i = 0; i < Number(process.env['FORGE_SYNC_SAMPLES'] ?? 5); i++) {
      const marker = `Saved edit number ${i}`;
      const started = performance.now();
      await writeFile(path.join(wc.dir, 'index.html'), INDEX(marker));
      sync.pushAbsolute('changed', path.join(wc.dir, 'index.html'));
      await eventually(async () => (await fetchText(outcome.previewUrl)).text.includes(marker), 30_000);
      samples.push(performance.now() - started);
    }
    // The React component too: Vite serves the transformed module, so its new text shows at its URL.
    const app = 'export function App() {\n  return <h1 id="forge-fixture">Forge fixture: vite (synced from the editor)</h1>;\n}\n';
    await writeFile(path.join(wc.dir, 'src', 'App.jsx'), app);
    sync.pushAbsolute('changed', path.join(wc.dir, 'src', 'App.jsx'));
    await eventually(async () => (await served('src/App.jsx')).text.includes('synced from the editor'), 30_000);
    await sync.queue.idle();
    assert.equal(sync.queue.state.phase, 'synced');
    assert.deepEqual(states.slice(0, 2).map((s) => s.phase), ['syncing', 'synced']);
    const sorted = [...samples].sort((a, b) => a - b);
    const at = (q: number): number => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
    console.log(`      save-to-preview (index.html, ${samples.length} samples): p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`);
  });

  it('resync sends the whole difference again and clears an earlier failure', async () => {
    assert.ok(sync);
    stack.backend.faults.add({ method: 'POST', path: '^/toolbox/[^/]+/files/bulk-upload$', times: 'always', effect: { kind: 'respond', status: 503 } });
    await writeFile(path.join(wc.dir, 'public', 'untracked.txt'), 'changed while the sandbox was unreachable\n');
    sync.pushAbsolute('changed', path.join(wc.dir, 'public', 'untracked.txt'));
    await eventually(() => sync?.queue.state.phase === 'out-of-sync', 30_000);
    stack.backend.faults.clear();
    const state = await sync.resync();
    assert.equal(state.phase, 'synced');
    assert.equal(await inSandbox('public/untracked.txt'), 'changed while the sandbox was unreachable\n');
    assert.equal(await inSandbox('public/unpushed.txt'), 'from an unpushed commit\n');
  });
});
