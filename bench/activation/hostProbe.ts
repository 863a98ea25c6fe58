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

/** The empty extensions bench/activation.ts installs: the first activated to warm the host up, the median of the others (around Forge's) the baseline. */
const WARMUP_ID = 'forge-bench.warmup';
const EMPTY_PREFIX = 'forge-bench.empty';
/** After the warm-up: the host finishes starting (built-in extensions, the workbench's requests). */
const SETTLE_MS = 3_000;

export async function run(): Promise<void> {
  try {
    await measure();
  } catch (error) {
    // The benchmark waits for this file: say why instead of leaving it to time out.
    write({ error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

/** How long activating `extension` takes, loading its entry module included. */
async function timed(extension: vscode.Extension<unknown>): Promise<number> {
  const started = performance.now();
  await extension.activate();
  return performance.now() - started;
}

async function measure(): Promise<void> {
  const warmup = vscode.extensions.getExtension(WARMUP_ID);
  const empties = vscode.extensions.all.filter((e) => e.id.startsWith(EMPTY_PREFIX));
  if (empties.length === 0 || !warmup) throw new Error(`${EMPTY_PREFIX}* or ${WARMUP_ID} is not installed in this VS Code`);
  const extension = vscode.extensions.getExtension('forge-dev.forge');
  if (!extension) throw new Error('forge-dev.forge is not installed in this VS Code');
  // The first activation in a host that is still starting pays for the host: not the baseline's cost, nor Forge's.
  const warmupMs = await timed(warmup);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  // Forge between the empty extensions: the baseline (their median) is taken around it, in the same conditions.
  const half = Math.floor(empties.length / 2);
  const emptyTimes: number[] = [];
  for (const empty of empties.slice(0, half)) emptyTimes.push(await timed(empty));
  const forge = await activateForge(extension);
  for (const empty of empties.slice(half)) emptyTimes.push(await timed(empty));
  const emptyMs = [...emptyTimes].sort((a, b) => a - b)[Math.floor(emptyTimes.length / 2)] ?? Number.NaN;
  const heavy = Object.keys(require.cache).filter((m) => m.includes('@daytonaio') || /[\\/]engine\.js$/.test(m));
  write({ ...forge, emptyMs, emptyTimes, warmupMs, sdkLoaded: heavy.length > 0, heavy, vscodeVersion: vscode.version });
}

/** Activates Forge, timing the whole activation and, through the module loader, its activate() call alone. */
async function activateForge(extension: vscode.Extension<unknown>): Promise<{ wasActive: boolean; activateCallMs: number | undefined; totalMs: number }> {
  const entry = path.join(extension.extensionPath, 'dist', 'extension.js');
  let activateCallMs: number | undefined;
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
  try {
    const totalMs = await timed(extension);
    return { wasActive, activateCallMs, totalMs };
  } finally {
    extensions['.js'] = original;
  }
}

function write(result: object): void {
  const target = process.env['FORGE_TEST_RESULTS'];
  if (!target) throw new Error('FORGE_TEST_RESULTS is not set');
  writeFileSync(`${target}.tmp`, JSON.stringify(result));
  renameSync(`${target}.tmp`, target);
}
