// Runs inside the VS Code extension host as the "tests" entry (extensionTestsPath): activates an empty extension
// (the baseline: what the host itself costs to load and activate an extension), then Forge, the same way, timing
// each whole activation (loading the entry module + activate()) and Forge's activate() alone, and reports whether
// the Daytona SDK or the engine bundle got loaded. Writes its answer to FORGE_TEST_RESULTS (temp name, then rename).
import { renameSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';

type Loader = (module: NodeJS.Module, filename: string) => void;
const extensions = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;

/** The empty extensions bench/activation.ts installs: the first activated to warm the host up, the median of the others the baseline. */
const WARMUP_ID = 'forge-bench.warmup';
const EMPTY_PREFIX = 'forge-bench.empty';

export async function run(): Promise<void> {
  try {
    await measure();
  } catch (error) {
    // The benchmark waits for this file: say why instead of leaving it to time out.
    write({ error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

async function measure(): Promise<void> {
  const warmup = vscode.extensions.getExtension(WARMUP_ID);
  const empties = vscode.extensions.all.filter((e) => e.id.startsWith(EMPTY_PREFIX));
  if (empties.length === 0 || !warmup) throw new Error(`${EMPTY_PREFIX}* or ${WARMUP_ID} is not installed in this VS Code`);
  // The first activation in a host that is still starting pays for the host: not the baseline's cost, nor Forge's.
  const warmupStarted = performance.now();
  await warmup.activate();
  const warmupMs = performance.now() - warmupStarted;
  const emptyTimes: number[] = [];
  for (const empty of empties) {
    const emptyStarted = performance.now();
    await empty.activate();
    emptyTimes.push(performance.now() - emptyStarted);
  }
  const emptyMs = [...emptyTimes].sort((a, b) => a - b)[Math.floor(emptyTimes.length / 2)] ?? Number.NaN;
  const extension = vscode.extensions.getExtension('forge-dev.forge');
  if (!extension) throw new Error('forge-dev.forge is not installed in this VS Code');
  const entry = path.join(extension.extensionPath, 'dist', 'extension.js');
  let activateCallMs: number | undefined;
  // Wraps activate() as the extension host loads the entry module: the call alone, without module loading.
  const original = extensions['.js'] as Loader;
  extensions['.js'] = function (this: unknown, module, filename) {
    original.call(this, module, filename);
    if (filename !== entry) return;
    const exported = module.exports as { activate: (...args: unknown[]) => unknown };
    const activate = exported.activate;
    module.exports = {
      ...exported,
      activate: (...args: unknown[]) => {
        const started = performance.now();
        try {
          return activate(...args);
        } finally {
          activateCallMs = performance.now() - started;
        }
      },
    };
  };
  const wasActive = extension.isActive;
  const started = performance.now();
  await extension.activate();
  const totalMs = performance.now() - started;
  extensions['.js'] = original;
  const heavy = Object.keys(require.cache).filter((m) => m.includes('@daytonaio') || /[\\/]engine\.js$/.test(m));
  const result = { wasActive, activateCallMs, totalMs, emptyMs, emptyTimes, warmupMs, sdkLoaded: heavy.length > 0, heavy, vscodeVersion: vscode.version };
  write(result);
}

function write(result: object): void {
  const target = process.env['FORGE_TEST_RESULTS'];
  if (!target) throw new Error('FORGE_TEST_RESULTS is not set');
  writeFileSync(`${target}.tmp`, JSON.stringify(result));
  renameSync(`${target}.tmp`, target);
}
