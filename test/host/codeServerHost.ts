// One integration cycle on code-server: start the server with the test environment, open the workbench in
// headless Chromium with the extension under development and its tests in the `payload`, wait for the results
// file the runner writes, then stop everything. Everything per run lives in a temp dir that is removed after.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IntegrationResults } from '../integration/results';
import { TestEnv } from '../integration/support/env';
import { startAutomationServer, type AutomationServer } from './automationServer';
import { closeBrowser, launchChromium } from './chromium';
import { startCodeServer, type RunningCodeServer } from './codeServer';
import { ensureTestCodeServer } from './codeServerTestInstall';
import { integrationBundle, repoRoot, screenshotsDir } from './paths';
import { tail } from './proc';
import { makeTempDir } from './tempDir';
import { failedTier, type TierResult } from './results';
import { openWorkbench, type WorkbenchPage } from './workbenchPage';
import { createUntrustedWorkspace } from './untrustedWorkspace';
import { createWorkspace } from './workspace';

export interface IntegrationOptions {
  readonly grep?: string;
  /** The bundled runner to load (default dist/test/integration/index.js). */
  readonly bundle?: string;
  /** Whole-run limit; FORGE_TEST_TIMEOUT_MS overrides the default of 20 minutes. */
  readonly timeoutMs?: number;
  /** The Restricted Mode cycle: workspace trust on, a hostile untrusted folder, the suites in test/integration/untrusted/. */
  readonly untrusted?: boolean;
}

const DEFAULT_TIMEOUT_MS = Number(process.env['FORGE_TEST_TIMEOUT_MS'] ?? 20 * 60_000);

/** The environment code-server passes on to the extension host. */
export function testEnvironment(resultsFile: string, automationUrl: string | undefined, grep: string | undefined): Record<string, string> {
  return {
    [TestEnv.results]: resultsFile,
    [TestEnv.repoRoot]: repoRoot,
    [TestEnv.host]: 'code-server',
    // The extension exposes its testing API (services, recent log lines) only when this is set.
    FORGE_TEST: '1',
    ...(automationUrl ? { [TestEnv.automationUrl]: automationUrl } : {}),
    ...(grep ? { [TestEnv.grep]: grep } : {}),
  };
}

/** The workbench URL with the development extension and its tests (the way VS Code's own web tests pass them). */
export function developmentUrl(server: RunningCodeServer, folder: string, testsPath?: string): string {
  const remote = (p: string): string => `vscode-remote://${server.authority}${p}`;
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', remote(repoRoot)],
    ...(testsPath ? ([['extensionTestsPath', remote(testsPath)]] as [string, string][]) : []),
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  return `${server.origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function runIntegrationInCodeServer(options: IntegrationOptions = {}): Promise<TierResult> {
  const started = Date.now();
  const bundle = options.bundle ?? integrationBundle;
  if (!fs.existsSync(bundle)) return failedTier('integration', `${bundle} is missing: run \`node esbuild.js --tests\` first`, started);
  const install = await ensureTestCodeServer();
  const temp = makeTempDir('forge-it-');
  const runDir = temp.path;
  const resultsFile = path.join(runDir, 'results.json');
  let automation: AutomationServer | undefined;
  let server: RunningCodeServer | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  let workbench: WorkbenchPage | undefined;
  let results: IntegrationResults | undefined;
  let problem: string | undefined;
  const phases = new PhaseTimer();
  try {
    const untrusted = options.untrusted ? await createUntrustedWorkspace(runDir) : undefined;
    const workspace = untrusted?.folder ?? (await createWorkspace(path.join(runDir, 'workspace')));
    automation = await startAutomationServer(screenshotsDir);
    const env = { ...testEnvironment(resultsFile, automation.url, options.grep), ...untrusted?.env };
    server = await startCodeServer({ install, runDir, env, workspaceTrust: Boolean(untrusted) });
    phases.mark('server');
    browser = await launchChromium();
    phases.mark('browser');
    workbench = await openWorkbench(browser, developmentUrl(server, workspace, bundle), { echo: echoHostLine });
    automation.attach(workbench.page);
    const running = server;
    results = await waitForResults(resultsFile, workbench, () => extensionHostExit(running.log()), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    phases.mark('workbench+tests');
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  } finally {
    if (browser) await closeBrowser(browser);
    await server?.stop();
    await automation?.close();
    phases.mark('teardown');
  }
  console.log(`[forge-test] integration cycle: ${phases.summary()}`);
  if (problem || !results || results.failed > 0 || process.env['FORGE_TEST_VERBOSE'] === '1') printDiagnostics(workbench, server);
  temp.remove();
  const seconds = (Date.now() - started) / 1000;
  const name = options.untrusted ? 'integration-untrusted' : 'integration';
  if (problem || !results) return failedTier(name, problem ?? 'no results', started);
  return { name, ...results, host: `code-server ${install.version}`, seconds };
}

/** code-server's line when the extension host process ends (normally after the results are written). */
function extensionHostExit(serverLog: string): string | undefined {
  return /Extension Host Process exited with (code: [^\s,]+, signal: [^\s.]+)/.exec(serverLog)?.[1];
}

/**
 * The results file is the main signal. codeAutomationExit, or the extension host process ending, without it
 * means the runner died early: fail then instead of waiting for the whole-run timeout.
 */
async function waitForResults(file: string, workbench: WorkbenchPage, hostExit: () => string | undefined, timeoutMs: number): Promise<IntegrationResults> {
  const deadline = Date.now() + timeoutMs;
  let endSeenAt: number | undefined;
  for (;;) {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as IntegrationResults;
    const code = workbench.exitCode();
    const exit = hostExit();
    if (code !== undefined || exit !== undefined) {
      endSeenAt ??= Date.now();
      if (Date.now() - endSeenAt > 5000) {
        // The workbench's own exit code can read 0 after a crash: name the process's end first.
        const how = exit !== undefined ? `the extension host process exited (${exit})` : `the workbench ended the test run (exit code ${code})`;
        throw new Error(`${how} without writing results: the runner crashed or failed before mocha ran (see the log above)`);
      }
    }
    if (Date.now() > deadline) throw new Error(`no test results after ${Math.round(timeoutMs / 1000)} s (FORGE_TEST_TIMEOUT_MS raises the limit)`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Workbench chatter that says nothing about the tests. */
const NOISE = [/^Ignoring fetching additional builtin extensions/, /^Resolv(ing|ed) connection token/, /^Creating a socket/, /^ChatSessionStore:/, /^\[Service Worker\]/];

/** Mocha's report and the extension host's console arrive through codeAutomationLog: show them live. */
function echoHostLine(line: string): void {
  if (!NOISE.some((pattern) => pattern.test(line))) console.log(`  ${line}`);
}

function printDiagnostics(workbench: WorkbenchPage | undefined, server: RunningCodeServer | undefined): void {
  if (workbench && process.env['FORGE_TEST_VERBOSE'] === '1') {
    console.log('\n[forge-test] ---- workbench and extension host log ----');
    console.log(workbench.hostLog.join('\n'));
  }
  console.log('\n[forge-test] ---- browser console errors (last 60 lines; the extension host output is above) ----');
  console.log(tail(workbench?.browserLog.join('\n') || '(none)', 60));
  console.log('[forge-test] ---- code-server output (last 80 lines) ----');
  console.log(tail(server?.log() ?? '(code-server never started)', 80));
}

class PhaseTimer {
  private last = Date.now();
  private readonly parts: string[] = [];
  mark(name: string): void {
    const now = Date.now();
    this.parts.push(`${name} ${((now - this.last) / 1000).toFixed(1)} s`);
    this.last = now;
  }
  summary(): string {
    return this.parts.join(', ');
  }
}
