// Headless Chromium from Debian, driven by playwright-core (never `playwright install`: it downloads a browser).
import * as fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export function chromiumPath(): string {
  const candidates = [process.env['FORGE_CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error('Chromium is not installed: apt-get install -y chromium (or set FORGE_CHROMIUM to a Chromium binary).');
  return found;
}

/** Flags that keep Chromium quiet on a closed network, and working as root in a container. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Playwright gives each launch a fresh temporary profile and removes it on close. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: FLAGS, timeout: 60_000 });
}

/** Closes the browser, giving up after `timeoutMs` (Playwright also kills it when this process exits). */
export async function closeBrowser(browser: Browser, timeoutMs = 10_000): Promise<void> {
  await Promise.race([browser.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
}
