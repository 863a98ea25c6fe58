// Reading webviews' DOM from the workbench page. In code-server webviews are same-origin iframes: an outer
// frame (…/webview/browser/pre/index.html) hosting the content in an inner frame.
import type { Frame, Page } from 'playwright-core';

// The little of the DOM the page functions below use (the project compiles without lib "dom").
interface PageDocument {
  readonly title: string;
  readonly body: { readonly innerText: string };
  querySelector(selector: string): { readonly innerText: string } | null;
}

/** The content frames of every webview currently in the page. */
function webviewContentFrames(page: Page): Frame[] {
  return page.frames().filter((frame) => {
    const parent = frame.parentFrame();
    return parent !== null && parent.url().includes('/webview/') && !frame.url().startsWith('about:');
  });
}

/**
 * The visible text of a webview, found by (in this order) a CSS selector inside any webview, the title of
 * the webview's document, or the title of its editor tab (which brings that tab to the front).
 */
export async function webviewText(page: Page, match: string, timeoutMs = 10_000): Promise<string> {
  if (!match) throw new Error('webviewText needs a title or a CSS selector');
  const deadline = Date.now() + timeoutMs;
  let activatedTab = false;
  for (;;) {
    for (const frame of webviewContentFrames(page)) {
      const text = await textInFrame(frame, match);
      if (text !== undefined) return text;
    }
    if (!activatedTab) activatedTab = await activateTab(page, match);
    else {
      const visible = await visibleWebviewText(page);
      if (visible !== undefined) return visible;
    }
    if (Date.now() > deadline) {
      const count = webviewContentFrames(page).length;
      throw new Error(`no webview matches "${match}" (as a selector, a document title or a tab title) among ${count} webview(s)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function textInFrame(frame: Frame, match: string): Promise<string | undefined> {
  try {
    return await frame.evaluate(
      (m) => {
        // Runs in the page: no closures, only what the page has.
        const doc = (globalThis as unknown as { document: PageDocument }).document;
        let element: { readonly innerText: string } | null = null;
        try {
          element = doc.querySelector(m);
        } catch {
          // not a selector
        }
        if (element) return element.innerText;
        if (doc.title === m) return doc.body.innerText;
        return undefined;
      },
      match,
    );
  } catch {
    return undefined; // the frame navigated or went away
  }
}

async function activateTab(page: Page, title: string): Promise<boolean> {
  const tab = page.locator(`.tabs-container .tab[aria-label^="${title.replace(/"/g, '\\"')}"]`).first();
  if ((await tab.count()) === 0) return false;
  await tab.click();
  // Let the editor switch finish before looking for the one visible webview.
  await page.waitForFunction((t) => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): { classList: { contains(c: string): boolean } } | null } }).document;
    return doc.querySelector(`.tabs-container .tab[aria-label^="${t}"]`)?.classList.contains('active') ?? false;
  }, title.replace(/"/g, '\\"'), { timeout: 5000 }).catch(() => undefined);
  return true;
}

/** The text of the one webview that is on screen (hidden webviews keep their frames but collapse them). */
async function visibleWebviewText(page: Page): Promise<string | undefined> {
  for (const frame of webviewContentFrames(page)) {
    const outer = await frame.parentFrame()?.frameElement();
    const box = await outer?.boundingBox();
    if (box && box.width > 0 && box.height > 0 && (await outer?.isVisible())) {
      // A frame still loading (VS Code swaps a pending frame in) reads as empty: keep polling.
      const text = await frame.evaluate(() => (globalThis as unknown as { document: PageDocument }).document.body.innerText).catch(() => '');
      if (text.trim()) return text;
    }
  }
  return undefined;
}
