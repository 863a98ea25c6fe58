// Save to preview: the pipeline (runPreview, as the CLI runs it) brings up the Vite fixture on the local backend,
// then live sync (src/core/sync, startPreviewSync) carries each save: index.html is written with a new marker, the
// change is pushed as a file watcher would, and the clock stops when the preview URL serves the marker.
import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createWorkingTreeReader } from '../src/core/pipeline/defaultWorkingTree';
import { runPreview, type PreviewOutcome } from '../src/core/pipeline/run';
import { DEFAULT_PREVIEW_SETTINGS } from '../src/core/pipeline/settings';
import { startPreviewSync, type PreviewSync } from '../src/core/sync/previewSync';
import { createDaytonaClient } from '../src/daytona/connection';
import { startLocalBackend, type LocalBackend } from '../src/local';
import { makeWorkingCopy, type WorkingCopy } from '../test/support/fixtureRepo';
import { emit, main, QUICK, quietLogger, tempDir } from './lib/env';
import { fetchText } from './lib/http';
import { percentile } from './lib/stats';

const SAVES = QUICK ? 5 : 20;

let backend: LocalBackend | undefined;
let copy: WorkingCopy | undefined;
let sync: PreviewSync | undefined;
let outcome: PreviewOutcome | undefined;

main(async () => {
  copy = await makeWorkingCopy('vite-react', { remote: 'none' });
  backend = await startLocalBackend({ dataDir: tempDir('save-data') });
  const tree = createWorkingTreeReader(quietLogger);
  outcome = await runPreview({
    folder: copy.dir,
    daytona: createDaytonaClient({ kind: 'local', apiUrl: backend.apiUrl, apiKey: backend.apiKey }),
    backend: 'local',
    settings: DEFAULT_PREVIEW_SETTINGS,
    tree,
    signal: new AbortController().signal,
    logger: quietLogger,
    progress: { begin: () => undefined, detail: () => undefined, end: () => undefined },
    githubToken: () => Promise.resolve(undefined),
    chooseApp: (apps) => Promise.resolve(apps[0]),
    onLog: () => undefined,
  });
  sync = await startPreviewSync({ preview: outcome.preview, tree, githubHost: DEFAULT_PREVIEW_SETTINGS.githubHost, includeIgnored: [], logger: quietLogger });
  const file = path.join(copy.dir, 'index.html');
  const original = await readFile(file, 'utf8');
  const times: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const marker = `forge-save-${Date.now()}-${i}`;
    const started = performance.now();
    await writeFile(file, original.replace('</body>', `<!-- ${marker} --></body>`));
    sync.pushAbsolute('changed', file);
    for (;;) {
      const page = await fetchText(outcome.previewUrl);
      if (page?.text.includes(marker)) break;
      if (performance.now() - started > 30_000) throw new Error(`save ${i} never reached the preview`);
      await new Promise((r) => setTimeout(r, 20));
    }
    times.push(Math.round(performance.now() - started));
    await new Promise((r) => setTimeout(r, 300));
  }
  emit({ bench: 'save-to-preview', p50_ms: percentile(times, 50), p95_ms: percentile(times, 95), saves: SAVES });
}, async () => {
  sync?.dispose();
  await backend?.close();
  await copy?.cleanup();
});
