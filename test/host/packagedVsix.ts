// The harness-level test of what users install: `npm run package` builds forge-<version>.vsix, code-server
// installs it into an extensions directory of its own, and a workbench opened WITHOUT the development payload
// must offer "Forge: Preview this repo" in the command palette (F1, as a person would).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { closeBrowser, launchChromium } from './chromium';
import { installExtension, startCodeServer, type RunningCodeServer } from './codeServer';
import { ensureTestCodeServer } from './codeServerTestInstall';
import { repoRoot, screenshotsDir } from './paths';
import { runCaptured, tail } from './proc';
import type { TierResult } from './results';
import { makeTempDir } from './tempDir';
import { openWorkbench, waitForWorkbench, type WorkbenchPage } from './workbenchPage';
import { createWorkspace } from './workspace';

export const MAX_VSIX_BYTES = 2 * 1024 * 1024;
const TITLE = 'packaged vsix installs into code-server and offers "Forge: Preview this repo" in the command palette';
const COMMAND_LABEL = 'Forge: Preview this repo';

export interface PackagedResult extends TierResult {
  readonly vsix?: string;
  readonly vsixBytes?: number;
  readonly screenshot?: string;
}

export async function runPackagedVsixTest(): Promise<PackagedResult> {
  const started = Date.now();
  const finish = (error?: string, extra: Partial<PackagedResult> = {}): PackagedResult => ({
    name: 'packaged',
    passed: error ? 0 : 1,
    failed: error ? 1 : 0,
    pending: 0,
    tests: [{ title: TITLE, state: error ? 'failed' : 'passed', ...(error ? { error } : {}) }],
    seconds: (Date.now() - started) / 1000,
    ...extra,
  });

  let vsix: string;
  try {
    vsix = await packageVsix();
  } catch (error) {
    return finish(message(error));
  }
  const vsixBytes = fs.statSync(vsix).size;
  console.log(`[forge-test] ${path.basename(vsix)}: ${(vsixBytes / 1024).toFixed(0)} KiB`);
  if (vsixBytes > MAX_VSIX_BYTES) return finish(`${vsix} is ${vsixBytes} bytes, over the 2 MiB budget`, { vsix, vsixBytes });
  const unexpected = unexpectedEntries(await vsixEntries(vsix));
  if (unexpected.length > 0) return finish(`${path.basename(vsix)} contains files outside the allowed set (see .vscodeignore):\n  ${unexpected.join('\n  ')}`, { vsix, vsixBytes });

  const temp = makeTempDir('forge-vsix-');
  const runDir = temp.path;
  let server: RunningCodeServer | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let workbench: WorkbenchPage | undefined;
  const screenshot = path.join(screenshotsDir, 'packaged-command-palette.png');
  try {
    const install = await ensureTestCodeServer();
    const extensionsDir = path.join(runDir, 'extensions');
    await installExtension(install, vsix, runDir, extensionsDir);
    const workspace = await createWorkspace(path.join(runDir, 'workspace'));
    server = await startCodeServer({ install, runDir, extensionsDir });
    browser = await launchChromium();
    workbench = await openWorkbench(browser, `${server.origin}/?folder=${encodeURIComponent(workspace)}`);
    await waitForWorkbench(workbench.page);
    await findInCommandPalette(workbench.page, 'Forge: Preview', COMMAND_LABEL, 60_000);
    fs.mkdirSync(screenshotsDir, { recursive: true });
    await workbench.page.screenshot({ path: screenshot });
    console.log(`[forge-test] screenshot ${path.relative(process.cwd(), screenshot)}`);
    return finish(undefined, { vsix, vsixBytes, screenshot });
  } catch (error) {
    if (workbench) await workbench.page.screenshot({ path: screenshot }).catch(() => undefined);
    const details = `${message(error)}\n--- browser console ---\n${tail(workbench?.browserLog.join('\n') ?? '', 30)}\n--- code-server ---\n${tail(server?.log() ?? '', 40)}`;
    return finish(details, { vsix, vsixBytes, screenshot });
  } finally {
    if (browser) await closeBrowser(browser);
    await server?.stop();
    temp.remove();
  }
}

async function vsixEntries(vsix: string): Promise<string[]> {
  const result = await runCaptured('unzip', ['-Z1', vsix]);
  if (result.code !== 0) throw new Error(`unzip -Z1 ${vsix} failed: ${result.output}`);
  return result.output.split('\n').filter(Boolean);
}

/** The package may hold the built extension without maps or tests, media (no sources), and the documents. */
const ALLOWED = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/package\.json$/,
  /^extension\/(readme\.md|changelog\.md|LICENSE\.txt|LICENSE)$/i,
  /^extension\/dist\/(?!test\/).*(?<!\.map)$/,
  /^extension\/media\/.*(?<!\.ts)(?<!tsconfig\.json)$/,
];

export function unexpectedEntries(entries: readonly string[]): string[] {
  return entries.filter((entry) => !entry.endsWith('/') && !ALLOWED.some((pattern) => pattern.test(entry)));
}

async function packageVsix(): Promise<string> {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  const vsix = path.join(repoRoot, `forge-${manifest.version}.vsix`);
  fs.rmSync(vsix, { force: true });
  const result = await runCaptured('npm', ['run', 'package'], { cwd: repoRoot, timeoutMs: 5 * 60_000 });
  if (result.code !== 0 || !fs.existsSync(vsix)) throw new Error(`npm run package failed (exit code ${result.code}):\n${tail(result.output, 40)}`);
  return vsix;
}

/**
 * F1, type, and wait for the entry. Contributed commands appear once the extension host has scanned the
 * installed extensions, so the palette is reopened until the entry shows up or time runs out.
 */
async function findInCommandPalette(page: Page, typed: string, label: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const entry = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: label });
  for (;;) {
    await page.locator('.monaco-workbench').first().click({ position: { x: 700, y: 300 } }).catch(() => undefined);
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.type(typed);
    try {
      await entry.first().waitFor({ state: 'visible', timeout: 5000 });
      return;
    } catch {
      if (Date.now() > deadline) {
        const shown = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allInnerTexts();
        throw new Error(`"${label}" is not in the command palette after typing "${typed}"; it shows: ${JSON.stringify(shown.slice(0, 10))}`);
      }
      await page.keyboard.press('Escape');
    }
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
