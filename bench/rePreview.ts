// Warm re-preview with the sandbox running: "Preview this repo" again for a folder whose preview is live and
// unchanged. The core session (src/core/session/rePreview.ts, what the VS Code layer calls) on the local backend:
// one full setup of the Vite fixture, then each round times `previewOrReuse` with that session as the previous
// one; every round must take the fast path (state plus one health probe), or the benchmark fails.
import { createWorkingTreeReader } from '../src/core/pipeline/defaultWorkingTree';
import { DEFAULT_PREVIEW_SETTINGS } from '../src/core/pipeline/settings';
import { PreviewSession } from '../src/core/session/previewSession';
import { previewOrReuse, type SessionRequest } from '../src/core/session/rePreview';
import { createDaytonaClient } from '../src/daytona/connection';
import { startLocalBackend, type LocalBackend } from '../src/local';
import { makeWorkingCopy, type WorkingCopy } from '../test/support/fixtureRepo';
import { emit, main, progress, QUICK, quietLogger, tempDir } from './lib/env';
import { median } from './lib/stats';

const ROUNDS = QUICK ? 3 : 10;

let backend: LocalBackend | undefined;
let copy: WorkingCopy | undefined;
let session: PreviewSession | undefined;

main(async () => {
  copy = await makeWorkingCopy('vite-react', { remote: 'none' });
  backend = await startLocalBackend({ dataDir: tempDir('re-preview-data') });
  const request: SessionRequest = {
    folder: copy.dir,
    daytona: createDaytonaClient({ kind: 'local', apiUrl: backend.apiUrl, apiKey: backend.apiKey }),
    backend: 'local',
    settings: DEFAULT_PREVIEW_SETTINGS,
    tree: createWorkingTreeReader(quietLogger),
    signal: new AbortController().signal,
    logger: quietLogger,
    progress: { begin: () => undefined, detail: () => undefined, end: () => undefined },
    githubToken: () => Promise.resolve(undefined),
    chooseApp: (apps) => Promise.resolve(apps[0]),
    onLog: () => undefined,
  };
  const first = await previewOrReuse(request);
  if (first.fast) throw new Error('the first preview cannot be a re-preview');
  const lines: string[] = [];
  session = new PreviewSession(first.outcome.preview, { output: { append: (t) => lines.push(t), note: () => undefined, recent: () => lines }, logger: quietLogger, settings: () => Promise.resolve(DEFAULT_PREVIEW_SETTINGS), githubToken: () => Promise.resolve(undefined) });
  session.remember(first.memo);
  session.machine.apply({ type: 'answered', attempt: 1 });
  const times: number[] = [];
  let steps: Record<string, number | undefined> = {};
  for (let round = 0; round < ROUNDS; round++) {
    const started = performance.now();
    const again = await previewOrReuse({ ...request, previous: session });
    times.push(Math.round(performance.now() - started));
    if (!again.fast) throw new Error(`round ${round + 1} did not take the fast path: ${again.why}`);
    steps = again.timings;
    progress(`re-preview #${round + 1}: ${times.at(-1)} ms ${JSON.stringify(again.timings)}`);
  }
  emit({ bench: 're-preview', fixture: 'vite', sandbox: 'running', via: 'core-session', forge_ms: median(times), forge_steps: steps, runs: ROUNDS });
}, async () => {
  session?.dispose();
  await backend?.close();
  await copy?.cleanup();
});
