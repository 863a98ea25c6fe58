// Automation endpoints for the pages the workbench opened in the browser (what "Open in Browser" opened through
// vscode.env.openExternal: a popup of the same browser context), so a suite can check that the app renders there.
import type { Page } from 'playwright-core';

type Handler = (page: Page, body: Record<string, unknown>) => Promise<Record<string, unknown>>;

function others(workbench: Page): Page[] {
  return workbench.context().pages().filter((p) => p !== workbench);
}

export const browserPageHandlers: Record<string, Handler> = {
  '/opened-pages': (p) => Promise.resolve({ urls: others(p).map((o) => o.url()) }),
  // Loads `url` in a new page of the workbench's browser and returns the text of `selector` (or what it shows instead).
  '/load-page-text': async (p, body) => {
    const url = typeof body['url'] === 'string' ? body['url'] : '';
    const selector = typeof body['selector'] === 'string' ? body['selector'] : 'body';
    const timeoutMs = typeof body['timeoutMs'] === 'number' ? Math.min(body['timeoutMs'], 120_000) : 20_000;
    // A context of its own (the workbench's is the browser's default one, which opens no second page).
    const context = await p.context().browser()?.newContext();
    if (!context) throw new Error('the workbench page has no browser to open another page in');
    const page = await context.newPage();
    try {
      await page.goto(url, { timeout: timeoutMs });
      const found = await page.locator(selector).first().waitFor({ state: 'visible', timeout: timeoutMs }).then(() => true, () => false);
      return { url: page.url(), found, text: found ? await page.locator(selector).first().innerText() : await page.locator('body').innerText().catch(() => '') };
    } finally {
      await context.close().catch(() => undefined);
    }
  },
  // The rendered text of the last opened page, once `selector` is visible in it; the page is closed afterwards.
  '/opened-page-text': async (p, body) => {
    const selector = typeof body['selector'] === 'string' ? body['selector'] : 'body';
    const timeoutMs = typeof body['timeoutMs'] === 'number' ? Math.min(body['timeoutMs'], 120_000) : 20_000;
    const page = others(p).at(-1);
    if (!page) throw new Error('no page was opened besides the workbench');
    try {
      await page.locator(selector).first().waitFor({ state: 'visible', timeout: timeoutMs });
      return { url: page.url(), text: await page.locator(selector).first().innerText() };
    } catch (error) {
      const text = await page.locator('body').innerText().catch(() => '');
      throw new Error(`${page.url()} shows no ${selector} (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); it shows: ${text.slice(0, 300)}`, { cause: error });
    } finally {
      await page.close().catch(() => undefined);
    }
  },
};
