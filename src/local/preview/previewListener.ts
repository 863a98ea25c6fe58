// One loopback listener that serves one preview address: a (sandbox, port) pair or one signed token.
// Giving each address its own origin (`http://127.0.0.1:<listenerPort>/`) keeps root-relative asset
// paths, HMR sockets and cookies-by-path working without DNS tricks. Every request must name this listener
// as its Host (DNS rebinding) and carry a credential, or be the browser's same-origin follow-up (an asset, a
// link, the HMR socket of a page this listener already served) from this machine's same user: web pages
// cannot forge Sec-Fetch-Site/Origin, and other accounts are told apart by the connection's owner.
import { createServer, type Agent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { stringifySetCookie } from 'cookie';
import type { Logger } from '../../common/logger';
import type { LocalSandbox, PortTarget } from '../contracts';
import { fromThisUser } from '../http/peerUid';
import { hasOwnHost, sameOriginBrowserRequest, wrongHostMessage } from '../http/requestGuard';
import { listenInRange } from '../http/reservedPorts';
import { keepActivity } from '../activity';
import type { SandboxRecord } from '../store/sandboxRecord';
import { forwardedHeaderPairs, forwardedPath, type Access } from './access';
import { forwardHttp, forwardUpgrade } from './forward';
import { rejectUpgrade, sendProxyError, sendRedirect } from './pages';
import { ACCEPTED_COOKIE, ACCEPTED_COOKIE_MAX_AGE, isAcceptRequest, isBrowserPageRequest, safeRedirect, skipsWarning, warningPageHtml } from './warningPage';

/** What a listener needs from the backend. */
export interface PreviewHost {
  find(sandboxId: string): { readonly record: SandboxRecord; readonly sandbox: LocalSandbox } | undefined;
  resolvePort(sandbox: LocalSandbox, port: number): Promise<PortTarget | undefined>;
  touch(sandboxId: string): void;
  /** How often an open request refreshes the activity (Daytona: 50 s). */
  readonly activityPollMs: number;
  /** The time signed URLs expire by (tests inject a clock). */
  now(): number;
  /** Where a refused signed URL redirects (Daytona: its OIDC login, another origin). */
  loginUrl(): string;
  readonly apiKey: string;
  readonly agent: Agent;
  readonly logger: Logger;
}

/** Decides who may use this address. */
export interface PreviewGate {
  readonly sandboxId: string;
  readonly port: number;
  check(req: IncomingMessage, url: URL, record: SandboxRecord): Access;
}

export class PreviewListener {
  private readonly sockets = new Set<Socket>();
  /** The warning was accepted on this host: kept here, since a 127.0.0.1 cookie reaches every port (see warningPage.ts). */
  private warningAccepted = false;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    private readonly gate: PreviewGate,
    private readonly host: PreviewHost,
    private readonly port: number,
    readonly url: string,
  ) {}

  static async open(gate: PreviewGate, host: PreviewHost): Promise<PreviewListener> {
    const server = createServer();
    const port = await listenInRange(server);
    const listener = new PreviewListener(server, gate, host, port, `http://127.0.0.1:${port}/`);
    server.on('connection', (socket) => {
      listener.sockets.add(socket);
      socket.once('close', () => listener.sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      listener.onRequest(req, res).catch((error: unknown) => listener.fail(req, res, error));
    });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      listener.onUpgrade(req, socket, head).catch(() => socket.destroy());
    });
    return listener;
  }

  /** Drops every open connection (revocation), keeping the listener itself. */
  disconnectAll(): void {
    for (const socket of this.sockets) {
      socket.destroy();
    }
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.disconnectAll();
    });
    return this.closing;
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!hasOwnHost(req, this.port)) {
      sendProxyError(req, res, 421, wrongHostMessage(req, this.port));
      return;
    }
    const found = this.host.find(this.gate.sandboxId);
    if (found === undefined) {
      sendProxyError(req, res, 404, `Sandbox ${this.gate.sandboxId} not found`);
      return;
    }
    const access = await this.admit(req, url, found.record);
    if (!access.ok) {
      if (access.location === undefined) sendProxyError(req, res, access.status, access.message);
      else sendRedirect(req, res, access.status, access.location);
      return;
    }
    if (isAcceptRequest(req, url)) {
      this.acceptWarning(req, res, url);
      return;
    }
    if (!this.warningAccepted && isBrowserPageRequest(req) && !skipsWarning(req)) {
      this.sendWarning(res, forwardedPath(url), access.setCookie);
      return;
    }
    const target = await this.targetPort(found);
    if (typeof target === 'string') {
      sendProxyError(req, res, target === 'stopped' ? 503 : 502, this.unavailableMessage(target, found.record));
      return;
    }
    keepActivity(req, res, () => this.host.touch(found.record.id), this.host.activityPollMs);
    const headers = forwardedHeaderPairs(req, this.host.apiKey, false);
    forwardHttp(req, res, { endpoint: target, path: forwardedPath(url), headers }, this.host.agent, access.setCookie, () =>
      sendProxyError(req, res, 502, this.unavailableMessage('nothing', found.record)),
    );
  }

  private async onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!hasOwnHost(req, this.port)) {
      rejectUpgrade(socket, 421, wrongHostMessage(req, this.port));
      return;
    }
    const found = this.host.find(this.gate.sandboxId);
    if (found === undefined) {
      rejectUpgrade(socket, 404, `Sandbox ${this.gate.sandboxId} not found`);
      return;
    }
    const access = await this.admit(req, url, found.record);
    if (!access.ok) {
      rejectUpgrade(socket, access.status, access.message);
      return;
    }
    const target = await this.targetPort(found);
    if (typeof target === 'string') {
      rejectUpgrade(socket, target === 'stopped' ? 503 : 502, this.unavailableMessage(target, found.record));
      return;
    }
    keepActivity(req, socket, () => this.host.touch(found.record.id), this.host.activityPollMs);
    const headers = forwardedHeaderPairs(req, this.host.apiKey, true);
    forwardUpgrade(req, socket, head, { endpoint: target, path: forwardedPath(url), headers }, () =>
      rejectUpgrade(socket, 502, this.unavailableMessage('nothing', found.record)),
    );
  }

  /** The gate's credential check, or a same-origin browser follow-up from this user. */
  private async admit(req: IncomingMessage, url: URL, record: SandboxRecord): Promise<Access> {
    const access = this.gate.check(req, url, record);
    if (access.ok || access.status !== 401) return access;
    return sameOriginBrowserRequest(req, this.port) && (await fromThisUser(req.socket)) ? { ok: true } : access;
  }

  private async targetPort(found: { readonly record: SandboxRecord; readonly sandbox: LocalSandbox }): Promise<PortTarget | 'stopped' | 'nothing'> {
    if (found.record.state !== 'started') {
      return 'stopped';
    }
    return (await this.host.resolvePort(found.sandbox, this.gate.port)) ?? 'nothing';
  }

  private unavailableMessage(reason: 'stopped' | 'nothing', record: SandboxRecord): string {
    return reason === 'stopped'
      ? `Sandbox ${record.id} is ${record.state}. Start it to see this preview.`
      : `Nothing is listening on port ${this.gate.port} in sandbox ${record.id}. Is the dev server running and bound to 0.0.0.0:${this.gate.port}?`;
  }

  private sendWarning(res: ServerResponse, originalPath: string, setCookie: string | undefined): void {
    const html = warningPageHtml(originalPath);
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(html),
      'cache-control': 'no-store',
      ...(setCookie === undefined ? {} : { 'set-cookie': setCookie }),
    });
    res.end(html);
  }

  private acceptWarning(req: IncomingMessage, res: ServerResponse, url: URL): void {
    req.resume();
    this.warningAccepted = true;
    const cookie = stringifySetCookie(ACCEPTED_COOKIE, 'true', { maxAge: ACCEPTED_COOKIE_MAX_AGE, path: '/', httpOnly: true, sameSite: 'lax' });
    res.writeHead(302, { location: safeRedirect(url.searchParams.get('redirect')), 'set-cookie': cookie, 'cache-control': 'no-store', 'content-length': 0 });
    res.end();
  }

  private fail(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    this.host.logger.error(`local preview: ${req.method ?? 'GET'} failed: ${error instanceof Error ? error.message : String(error)}`);
    if (res.headersSent) {
      res.destroy();
    } else {
      sendProxyError(req, res, 500, 'The preview proxy failed; see the Forge log.');
    }
  }
}
