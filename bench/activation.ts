// Activation: Forge's activate() inside a real VS Code extension host (code-server from the integration harness,
// workbench in headless Chromium, the vite-react fixture as the workspace). The probe (activation/hostProbe.ts)
// is the extension-tests entry, so nothing else activates Forge first. The baseline is an empty extension
// (bench/activation/empty, installed in the run's extensions directory) activated just before, the same way, in the same host: the
// overhead is Forge's activation minus the empty one's. A fresh host per run; median of the runs.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { closeBrowser, launchChromium } from '../test/host/chromium';
import { startCodeServer } from '../test/host/codeServer';
import { developmentUrl, testEnvironment } from '../test/host/codeServerHost';
import { ensureTestCodeServer } from '../test/host/codeServerTestInstall';
import { makeTempDir } from '../test/host/tempDir';
import { openWorkbench } from '../test/host/workbenchPage';
import { createWorkspace } from '../test/host/workspace';
import { QUICK, REPO_ROOT, emit, main, progress } from './lib/env';
import { median, round } from './lib/stats';

interface ProbeResult {
  readonly wasActive: boolean;
  readonly activateCallMs?: number;
  readonly totalMs: number;
  readonly emptyMs: number;
  readonly warmupMs: number;
  readonly emptyTimes: readonly number[];
  readonly sdkLoaded: boolean;
  readonly heavy: readonly string[];
  readonly vscodeVersion: string;
}

const RUNS = QUICK ? 1 : 3;

main(async () => {
  const probe = path.join(REPO_ROOT, 'dist', 'bench', 'activation', 'index.js');
  await esbuild.build({ entryPoints: [path.join(__dirname, 'activation', 'hostProbe.ts')], outfile: probe, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });
  const install = await ensureTestCodeServer();
  const results: ProbeResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    const result = await once(install, probe);
    progress(`activation #${i + 1}: activate() ${result.activateCallMs?.toFixed(1) ?? '?'} ms, with loading ${result.totalMs.toFixed(1)} ms, empty extension ${result.emptyMs.toFixed(1)} ms (median of ${result.emptyTimes.length}: ${result.emptyTimes.map((t) => t.toFixed(1)).join(', ')}; the host's first ${result.warmupMs.toFixed(1)} ms), SDK loaded: ${result.sdkLoaded}`);
    results.push(result);
  }
  const calls = results.map((r) => r.activateCallMs).filter((v): v is number => v !== undefined);
  emit({
    bench: 'activation',
    overhead_ms: round(median(results.map((r) => r.totalMs - r.emptyMs)), 1),
    empty_extension_ms: round(median(results.map((r) => r.emptyMs)), 1),
    first_activation_in_host_ms: round(median(results.map((r) => r.warmupMs)), 1),
    activate_ms: calls.length ? round(median(calls), 1) : null,
    activate_with_loading_ms: round(median(results.map((r) => r.totalMs)), 1),
    sdk_loaded: results.some((r) => r.sdkLoaded),
    already_active: results.some((r) => r.wasActive),
    runs: RUNS,
    host: `code-server (VS Code ${results[0]?.vscodeVersion ?? '?'})`,
  });
});

async function once(install: Awaited<ReturnType<typeof ensureTestCodeServer>>, probe: string): Promise<ProbeResult> {
  const temp = makeTempDir('forge-bench-act-');
  const resultsFile = path.join(temp.path, 'results.json');
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    const workspace = await createWorkspace(path.join(temp.path, 'workspace'));
    // The baseline is installed as user extensions (the workbench takes one development path only): a first copy
    // absorbs what the host pays for its first activation (it is still starting up); the median of the next five
    // is the baseline (one sample on a shared machine is noise).
    for (const name of ['warmup', ...EMPTY_NAMES]) installEmpty(path.join(temp.path, 'extensions'), name);
    server = await startCodeServer({ install, runDir: temp.path, env: testEnvironment(resultsFile, undefined, undefined) });
    browser = await launchChromium();
    await openWorkbench(browser, developmentUrl(server, workspace, probe));
    const deadline = Date.now() + 120_000;
    while (!existsSync(resultsFile)) {
      if (Date.now() > deadline) throw new Error(`no activation result from the extension host within 120 s; code-server said: ${server.log().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const result = JSON.parse(readFileSync(resultsFile, 'utf8')) as ProbeResult & { error?: string };
    if (result.error) throw new Error(`the probe failed: ${result.error}`);
    return result;
  } finally {
    if (browser) await closeBrowser(browser);
    await server?.stop();
    temp.remove();
  }
}

const EMPTY_EXTENSION = path.join(__dirname, 'activation', 'empty');
/** forge-bench.empty1 … empty5: hostProbe.ts activates every forge-bench.empty* it finds. */
const EMPTY_NAMES = ['empty1', 'empty2', 'empty3', 'empty4', 'empty5'];


/** The empty extension as forge-bench.<name>, installed by copying it into the extensions directory. */
function installEmpty(extensionsDir: string, name: string): void {
  const dir = path.join(extensionsDir, `forge-bench.${name}-0.0.1`);
  cpSync(EMPTY_EXTENSION, dir, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ ...manifest, name }));
}
