// Save to preview through VS Code: the integration suite test/integration/saveToPreview.test.ts runs in code-server
// (the integration harness: workbench in headless Chromium, the local backend, Forge's sync on save); it applies
// and saves edits through the VS Code API and times each until the preview URL serves it. This process builds the
// bundle, runs that one suite and reports its timings.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { runIntegrationInCodeServer } from '../test/host/codeServerHost';
import { QUICK, REPO_ROOT, emit, main, progress, tempDir } from './lib/env';
import { percentile, round } from './lib/stats';

const SAVES = QUICK ? 5 : 20;

main(async () => {
  const build = spawnSync(process.execPath, ['esbuild.js', '--tests'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('node esbuild.js --tests failed');
  const file = path.join(tempDir('save-vscode'), 'timings.json');
  // The extension host inherits code-server's environment, which inherits this one.
  process.env['FORGE_BENCH_SAVE_RESULTS'] = file;
  process.env['FORGE_BENCH_SAVES'] = String(SAVES);
  const tier = await runIntegrationInCodeServer({ grep: 'save to preview timing' });
  progress(`integration: ${tier.passed} passed, ${tier.failed} failed${tier.problem ? ` (${tier.problem})` : ''}`);
  for (const test of tier.tests.filter((t) => t.state === 'failed')) progress(`failed: ${test.title}: ${test.error ?? ''}`);
  if (!existsSync(file)) throw new Error('the suite wrote no timings (see the integration output above)');
  const { timings, saveTimings, vscodeVersion, appName } = JSON.parse(readFileSync(file, 'utf8')) as { timings: number[]; saveTimings: number[]; vscodeVersion: string; appName: string };
  // vscode_save_p50_ms: until document.save() resolved (VS Code writing the file), part of every timing.
  emit({ bench: 'save-to-preview', via: 'vscode', p50_ms: round(percentile(timings, 50)), p95_ms: round(percentile(timings, 95)), max_ms: round(Math.max(...timings)), vscode_save_p50_ms: round(percentile(saveTimings, 50)), saves: timings.length, host: `${appName} (VS Code ${vscodeVersion})` });
});
