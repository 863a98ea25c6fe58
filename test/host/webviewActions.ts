// Acting on webviews like a person (issue 19's panel tools): click, type, choose in a webview's DOM; read an
// element's properties; read the app frame nested in a webview (its size and URL as the app itself sees them);
// screenshot one element; press keys in the workbench (quick picks). Registered by automationServer.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';

type Handler = (page: Page, body: Record<string, unknown>) => Promise<Record<string, unknown>>;

function contentFrames(page: Page): Frame[] {
  return page.frames().filter((frame) => {
    const parent = frame.parentFrame();
    return parent !== null && parent.url().includes('/webview/') && !frame.url().startsWith('about:');
  });
}

/** The webview content frame holding `selector`, polled until `timeoutMs`. */
async function frameWith(page: Page, selector: string, timeoutMs: number): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of contentFrames(page)) {
      if ((await frame.locator(selector).count().catch(() => 0)) > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview holds ${selector}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function text(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string') throw new Error(`${key} must be a string`);
  return value;
}

export function webviewActionHandlers(screenshotsDir: string, screenshots: string[]): Record<string, Handler> {
  return {
    '/webview-act': async (page, body) => {
      const selector = text(body, 'selector');
      const action = text(body, 'action');
      const locator = (await frameWith(page, selector, 10_000)).locator(selector).first();
      if (action === 'click') await locator.click();
      else if (action === 'fill') await locator.fill(text(body, 'value'));
      else if (action === 'select') await locator.selectOption(text(body, 'value'));
      else if (action === 'press') await locator.press(text(body, 'value'));
      else throw new Error(`unknown action ${action}`);
      return {};
    },
    '/webview-query': async (page, body) => {
      const selector = text(body, 'selector');
      const frame = await frameWith(page, selector, 10_000);
      const attribute = typeof body['attribute'] === 'string' ? await frame.locator(selector).first().getAttribute(body['attribute']) : null;
      const props = await frame.locator(selector).first().evaluate((el) => {
        const e = el as unknown as { value?: string; src?: string; offsetWidth: number; offsetHeight: number; hidden: boolean; innerText: string; disabled?: boolean };
        return { value: e.value ?? '', src: e.src ?? '', width: e.offsetWidth, height: e.offsetHeight, hidden: e.hidden, text: e.innerText, disabled: e.disabled ?? false };
      });
      return { ...props, attribute };
    },
    // The app's own view of itself: the frame nested in a webview's content frame (cross-origin for the page).
    '/app-frame': async (page) => {
      for (const outer of contentFrames(page)) {
        for (const app of outer.childFrames()) {
          const seen = await app
            .evaluate(() => {
              const w = globalThis as unknown as { innerWidth: number; innerHeight: number; location: { href: string } };
              return { width: w.innerWidth, height: w.innerHeight, href: w.location.href };
            })
            .catch(() => undefined);
          if (seen && seen.href.startsWith('http')) return seen;
        }
      }
      throw new Error('no app frame in any webview');
    },
    '/webview-element-screenshot': async (page, body) => {
      const selector = text(body, 'selector');
      const name = text(body, 'name');
      if (!/^[\w.-]{1,100}$/.test(name)) throw new Error('bad screenshot name');
      const file = path.join(screenshotsDir, `${name}.png`);
      fs.mkdirSync(screenshotsDir, { recursive: true });
      await (await frameWith(page, selector, 10_000)).locator(selector).first().screenshot({ path: file });
      screenshots.push(file);
      return { path: file };
    },
    '/keyboard': async (page, body) => {
      if (typeof body['type'] === 'string') await page.keyboard.type(body['type']);
      if (typeof body['press'] === 'string') await page.keyboard.press(body['press']);
      return {};
    },
  };
}
