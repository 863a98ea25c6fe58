// The harness side of test/integration/support/automation.ts: a small HTTP server on 127.0.0.1 through which
// suites running in the extension host ask for screenshots of the workbench and the text of workbench parts and webviews.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { webviewActionHandlers } from './webviewActions';
import { browserPageHandlers } from './browserPages';
import { webviewText } from './webviewFrames';

export interface AutomationServer {
  readonly url: string;
  /** The page requests act on; until it is set, requests fail with a clear message. */
  attach(page: Page): void;
  /** Paths of the screenshots taken so far. */
  readonly screenshots: readonly string[];
  close(): Promise<void>;
}

type Handler = (page: Page, body: Record<string, unknown>) => Promise<Record<string, unknown>>;

export async function startAutomationServer(screenshotsDir: string): Promise<AutomationServer> {
  let page: Page | undefined;
  const screenshots: string[] = [];
  const handlers: Record<string, Handler> = {
    '/screenshot': async (p, body) => {
      const file = path.join(screenshotsDir, `${safeName(body['name'])}.png`);
      fs.mkdirSync(screenshotsDir, { recursive: true });
      await p.screenshot({ path: file });
      screenshots.push(file);
      console.log(`[forge-test] screenshot ${path.relative(process.cwd(), file)}`);
      return { path: file };
    },
    // The rendered text of a workbench element (not a webview): what a person sees, read from the DOM.
    '/workbench-text': async (p, body) => {
      const selector = typeof body['selector'] === 'string' ? body['selector'] : '';
      const timeoutMs = typeof body['timeoutMs'] === 'number' ? Math.min(body['timeoutMs'], 120_000) : 10_000;
      const element = p.locator(selector).first();
      await element.waitFor({ state: 'visible', timeout: timeoutMs });
      return { text: await element.innerText() };
    },
    // The text of the terminals in the panel (xterm's DOM renderer: the suite turns GPU acceleration off).
    '/terminal-text': async (p) => {
      const rows = await p.locator('.part.panel .xterm-rows').allInnerTexts();
      return { text: rows.join('\n').replace(/\u00a0/g, ' ') };
    },
    '/webview-text': async (p, body) => {
      const match = typeof body['match'] === 'string' ? body['match'] : '';
      const timeoutMs = typeof body['timeoutMs'] === 'number' ? Math.min(body['timeoutMs'], 120_000) : undefined;
      return { text: await webviewText(p, match, timeoutMs) };
    },
    ...webviewActionHandlers(screenshotsDir, screenshots),
    ...browserPageHandlers,
  };

  const server = http.createServer((request, response) => {
    const reply = (status: number, payload: Record<string, unknown>): void => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(payload));
    };
    const handler = request.method === 'POST' ? handlers[request.url ?? ''] : undefined;
    if (!handler) return reply(404, { error: `no such endpoint: ${request.method} ${request.url}` });
    if (!page) return reply(503, { error: 'the workbench page is not open yet' });
    const current = page;
    readJson(request)
      .then((body) => handler(current, body))
      .then((result) => reply(200, result))
      .catch((error: unknown) => reply(500, { error: error instanceof Error ? error.message : String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    attach: (p) => {
      page = p;
    },
    screenshots,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safeName(name: unknown): string {
  if (typeof name !== 'string' || !/^[\w.-]{1,100}$/.test(name)) {
    throw new Error(`screenshot name ${JSON.stringify(name)} must be 1–100 letters, digits, dots, dashes or underscores`);
  }
  return name;
}

async function readJson(request: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}
