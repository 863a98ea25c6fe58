// Lets a suite look at the workbench like a person: the harness outside VS Code runs a small HTTP server on
// 127.0.0.1 that drives the browser page (Playwright) and passes its URL in FORGE_TEST_AUTOMATION_URL.
// Under a host without it (desktop VS Code through @vscode/test-electron) these helpers are unavailable:
// call requireAutomation(this) first so such tests are skipped, not failed.
import { skipWithout } from '../../support/requirements';
import { TestEnv } from './env';

export function automationAvailable(): boolean {
  return Boolean(process.env[TestEnv.automationUrl]);
}

/** Skips the current test when the host cannot drive the workbench UI. */
export function requireAutomation(context: Mocha.Context): void {
  if (!automationAvailable()) skipWithout(context, 'ui-automation');
}

/**
 * Screenshots the whole workbench into .test-artifacts/screenshots/<name>.png and returns the file's path.
 * `name` may hold letters, digits, dots, dashes and underscores.
 */
export async function screenshot(name: string): Promise<string> {
  const { path } = await call<{ path: string }>('screenshot', { name });
  return path;
}

/** The text the terminals in the panel show (needs `terminal.integrated.gpuAcceleration: off`). */
export async function terminalText(): Promise<string> {
  const { text } = await call<{ text: string }>('terminal-text', {});
  return text;
}

/**
 * The visible text of a webview: `titleOrSelector` is a CSS selector looked up inside every webview, the title of
 * a webview's document, or a webview panel's title as on its editor tab (that tab is brought to the front).
 * Polls until something matches; throws after `timeoutMs` (default 10 s).
 */
export async function webviewText(titleOrSelector: string, options: { readonly timeoutMs?: number } = {}): Promise<string> {
  const { text } = await call<{ text: string }>('webview-text', { match: titleOrSelector, timeoutMs: options.timeoutMs ?? 10_000 });
  return text;
}

/** The visible text of the first workbench element matching a CSS selector (waits until it is visible). */
export async function workbenchText(selector: string, options: { readonly timeoutMs?: number } = {}): Promise<string> {
  const { text } = await call<{ text: string }>('workbench-text', { selector, timeoutMs: options.timeoutMs ?? 10_000 });
  return text;
}

/** The URLs of the pages open in the browser besides the workbench (e.g. what Open in Browser opened). */
export async function openedPages(): Promise<string[]> {
  const { urls } = await call<{ urls: string[] }>('opened-pages', {});
  return urls;
}

/** The text of `selector` in the page opened last (waits until it shows); that page is closed afterwards. */
export async function openedPageText(selector: string, options: { readonly timeoutMs?: number } = {}): Promise<{ url: string; text: string }> {
  return call<{ url: string; text: string }>('opened-page-text', { selector, timeoutMs: options.timeoutMs ?? 20_000 });
}

/** Loads `url` in a new page of the workbench's browser: whether `selector` showed, and its text (else the page's). */
export async function loadPageText(url: string, selector: string, options: { readonly timeoutMs?: number } = {}): Promise<{ url: string; found: boolean; text: string }> {
  return call<{ url: string; found: boolean; text: string }>('load-page-text', { url, selector, timeoutMs: options.timeoutMs ?? 20_000 });
}

async function call<T>(endpoint: string, body: Record<string, string | number>): Promise<T> {
  const base = process.env[TestEnv.automationUrl];
  if (!base) throw new Error(`${TestEnv.automationUrl} is not set: this host has no UI automation (use requireAutomation(this)).`);
  const response = await fetch(`${base}/${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000 + Number(body['timeoutMs'] ?? 0)),
  });
  const payload = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`automation ${endpoint} failed: ${payload.error ?? response.statusText}`);
  return payload;
}
