// Stand-ins for the preview panel's suite: a tiny app server on 127.0.0.1 (the "dev server") and a
// PreviewSource that hands out signed URLs pointing at it. The real pipeline has its own tests; these check
// the panel alone, with real HTTP and a real webview.
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import { stateWords } from '../../src/core/preview/previewState';
import type { PreviewRegistry, PreviewSource, PreviewStatus, SignedPreviewUrl } from '../../src/vscode/previews/types';

export class TestApp {
  /** Paths requested so far (the token is in them, so tests can tell which signed URL was loaded). */
  readonly requests: string[] = [];

  private constructor(private readonly server: http.Server, readonly origin: string, readonly marker: string) {}

  static async start(marker: string): Promise<TestApp> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const app = new TestApp(server, `http://127.0.0.1:${port}`, marker);
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      app.requests.push(req.url ?? '/');
      const body = `<!doctype html><html><head><title>${marker}</title></head><body style="font:24px sans-serif">` + `<h1 id="forge-test-marker">${marker}</h1><p>served at ${req.url ?? '/'}</p></body></html>`;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    });
    return app;
  }

  requestsFor(token: string): number {
    return this.requests.filter((p) => p.includes(token)).length;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

/** A preview whose signed URLs rotate over `apps` (so a refresh can move to another origin, like the local backend). */
export class FakePreviewSource implements PreviewSource {
  readonly issued: SignedPreviewUrl[] = [];
  readonly revoked: string[] = [];
  private current: PreviewStatus = { phase: 'ready', words: 'running', sync: 'synced' };
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeStatus = this.changed.event;

  constructor(
    readonly sandboxId: string,
    readonly title: string,
    private readonly apps: readonly TestApp[],
    private readonly lifetimeMs = 3_600_000,
  ) {}

  signedUrl(): Promise<SignedPreviewUrl> {
    const token = `tok${randomBytes(8).toString('hex')}`;
    const app = this.apps[this.issued.length % this.apps.length];
    if (!app) throw new Error('FakePreviewSource needs at least one app');
    // The token sits in the path so that "no token in the HTML" is a real check here.
    const signed = { url: `${app.origin}/signed/${token}/`, token, expiresAt: Date.now() + this.lifetimeMs };
    this.issued.push(signed);
    return Promise.resolve(signed);
  }

  /** The lifetimes Share Preview… asked for, in seconds. */
  readonly sharedLifetimes: number[] = [];

  async signedUrlFor(seconds: number): Promise<SignedPreviewUrl> {
    this.sharedLifetimes.push(seconds);
    return { ...(await this.signedUrl()), expiresAt: Date.now() + seconds * 1000 };
  }

  revoke(token: string): Promise<void> {
    this.revoked.push(token);
    return Promise.resolve();
  }

  status(): PreviewStatus {
    return this.current;
  }

  /** `folderKey` is per fake, so a deleted fake's tab is reused only by a source of the same folder. */
  folderKey = `file:///fake/${Math.random().toString(36).slice(2)}`;

  setStatus(status: Omit<PreviewStatus, 'words'>): void {
    this.current = { ...status, words: stateWords({ kind: status.phase }) };
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export class FakeRegistry implements PreviewRegistry {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private source: PreviewSource | undefined;

  current(): PreviewSource | undefined {
    return this.source;
  }

  sourceFor(sandboxId: string): Promise<PreviewSource | undefined> {
    return Promise.resolve(this.source?.sandboxId === sandboxId ? this.source : undefined);
  }

  setCurrent(source: PreviewSource | undefined): void {
    this.source = source;
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Polls `check` until it is true; fails with `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
