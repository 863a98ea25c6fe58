// Previews one generated starter through Forge's CLI on the local backend, as a user's terminal does, checks the
// page and its main module through the preview URL, then stops the CLI, which deletes the sandbox.
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { run, type Running } from '../../bench/lib/proc';
import { repoRoot } from '../host/paths';
import { TEST_GIT_ENV } from '../support/git';
import type { Starter } from './starters';

const CLI = path.join(repoRoot, 'dist', 'cli.js');
const PREVIEW_TIMEOUT_MS = 6 * 60_000;

export interface PreviewResult {
  readonly framework: string | null;
  readonly packageManager: string;
  /** From starting the CLI to its JSON line (the preview URL is live). */
  readonly ms: number;
  /** Forge's own step timings (ms), as the CLI reports them. */
  readonly timings: Readonly<Record<string, number>>;
  readonly page: number;
  readonly mainModule: { readonly path: string; readonly status: number };
}

interface Summary {
  readonly previewUrl: string;
  readonly framework: string | null;
  readonly packageManager: string;
  readonly timings: Record<string, number>;
}

let running: Running | undefined;

/** Ctrl-C / SIGTERM of the corpus: stop the CLI in flight, which deletes its sandbox (it runs in its own group). */
export async function stopRunningPreview(): Promise<void> {
  await running?.stop(90_000);
}

/** Throws with the CLI's last output when the preview fails; always ends the CLI and checks the sandbox is gone. */
export async function previewStarter(starter: Starter, dir: string, dataDir: string): Promise<PreviewResult> {
  const before = await sandboxesIn(dataDir);
  const started = performance.now();
  const cli = run(process.execPath, [CLI, 'preview', dir, '--backend', 'local', '--json', '--on-exit', 'delete', '--data', dataDir], { env: { ...process.env, ...TEST_GIT_ENV } });
  running = cli;
  try {
    const line = await cli.waitForLine((l) => l.startsWith('{'), PREVIEW_TIMEOUT_MS);
    const ms = Math.round(performance.now() - started);
    const summary = JSON.parse(line) as Summary;
    const page = await get(summary.previewUrl);
    const modulePath = typeof starter.mainModule === 'string' ? starter.mainModule : starter.mainModule(page.text);
    if (!modulePath) throw new Error(`the page (${page.status}) names no main module:\n${page.text.slice(0, 600)}`);
    // The page's own request for its module, as a browser sends it: same origin, no token in the URL.
    const module = await get(new URL(modulePath, summary.previewUrl).toString(), { 'Sec-Fetch-Site': 'same-origin' });
    await cli.stop(90_000);
    const left = (await sandboxesIn(dataDir)).filter((id) => !before.includes(id));
    if (left.length > 0) throw new Error(`forge preview --on-exit delete left its sandbox behind: ${left.join(', ')}`);
    return { framework: summary.framework, packageManager: summary.packageManager, ms, timings: summary.timings, page: page.status, mainModule: { path: modulePath, status: module.status } };
  } catch (error) {
    throw new Error(`${(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? ''}\n--- forge preview output (last lines) ---\n${cli.tail().split('\n').slice(-25).join('\n')}`, { cause: error });
  } finally {
    await cli.stop(90_000);
    running = undefined;
  }
}

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(120_000) });
  return { status: response.status, text: await response.text() };
}

async function sandboxesIn(dataDir: string): Promise<string[]> {
  return readdir(path.join(dataDir, 'sandboxes')).catch(() => []);
}
