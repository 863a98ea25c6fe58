// Opening the code-server workbench in Chromium and collecting what it says.
import type { Browser, Page } from 'playwright-core';

export interface WorkbenchPage {
  readonly page: Page;
  /** Workbench and extension host log lines, forwarded through codeAutomationLog (mocha's report is here). */
  readonly hostLog: string[];
  /** The page's own console errors and warnings, and uncaught page errors. */
  readonly browserLog: string[];
  /** Set when the workbench calls codeAutomationExit (end of an extension test run). */
  exitCode(): number | undefined;
}

export interface OpenOptions {
  /** Called with each forwarded log line as it arrives. */
  readonly echo?: (line: string) => void;
  readonly timeoutMs?: number;
}

/** Browser console lines that every code-server page prints and that never explain a failure. */
const BROWSER_NOISE = [/allow-scripts and allow-same-origin/, /^%c WARN .*Creation of workbench contribution/, /web worker extension host is started in a same-origin iframe/, /^Overwriting extension <</];

/** Opens `url` in a fresh page, wiring codeAutomationLog/codeAutomationExit before the workbench loads. */
export async function openWorkbench(browser: Browser, url: string, options: OpenOptions = {}): Promise<WorkbenchPage> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const hostLog: string[] = [];
  const browserLog: string[] = [];
  let exitCode: number | undefined;
  await page.exposeFunction('codeAutomationLog', (level: string, message: string) => {
    const line = level === 'info' ? message : `[${level}] ${message}`;
    hostLog.push(line);
    options.echo?.(line);
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => {
    exitCode = code;
  });
  page.on('console', (message) => {
    const text = message.text();
    if ((message.type() === 'error' || message.type() === 'warning') && !BROWSER_NOISE.some((p) => p.test(text))) {
      browserLog.push(`[browser ${message.type()}] ${text}`);
    }
  });
  page.on('pageerror', (error) => browserLog.push(`[browser pageerror] ${error.stack ?? error.message}`));
  await page.goto(url, { timeout: options.timeoutMs ?? 60_000, waitUntil: 'domcontentloaded' });
  return { page, hostLog, browserLog, exitCode: () => exitCode };
}

/** Resolves once the workbench shell has rendered. */
export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench .part.activitybar').first().waitFor({ state: 'visible', timeout: timeoutMs });
}
