// Daytona's PTY routes: POST/GET /process/pty, GET/DELETE /process/pty/{id}, POST /process/pty/{id}/resize,
// and the WebSockets /process/pty/{id}/connect and /process/pty/create-connect?id&cols&rows&cwd (envs in the
// subprotocol `X-Daytona-Pty-Envs~<base64url JSON>`, which SDK 0.218 uses for createPty).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LocalSandbox, WebSocketFault } from '../../contracts';
import { badRequest, DaemonError } from '../daemonError';
import { daemonErrorBody, optionalBoolean, optionalNumber, optionalString, readJson, requireString, sendJson, stringRecord } from '../http';
import type { Router } from '../router';
import { checkSize, type PtyStore } from './ptyStore';

const ENVS_PROTOCOL = 'X-Daytona-Pty-Envs~';

export function registerPtyRoutes(router: Router, store: PtyStore): void {
  router.add('POST', '/process/pty', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    const session = await store.create(sandbox, {
      id: requireString(body, 'id'),
      cwd: optionalString(body, 'cwd'),
      envs: stringRecord(body, 'envs'),
      cols: optionalNumber(body, 'cols'),
      rows: optionalNumber(body, 'rows'),
      lazyStart: optionalBoolean(body, 'lazyStart'),
    });
    sendJson(res, 201, { sessionId: session.info.id });
  });
  router.add('GET', '/process/pty', ({ res, sandbox }) => {
    sendJson(res, 200, { sessions: store.list(sandbox.id) });
    return Promise.resolve();
  });
  router.add('GET', '/process/pty/:sessionId', ({ res, sandbox, params }) => {
    sendJson(res, 200, store.get(sandbox.id, params['sessionId'] as string).info);
    return Promise.resolve();
  });
  router.add('DELETE', '/process/pty/:sessionId', async ({ res, sandbox, params }) => {
    await store.kill(sandbox.id, params['sessionId'] as string);
    sendJson(res, 200, { message: 'PTY session deleted' });
  });
  router.add('POST', '/process/pty/:sessionId/resize', async ({ req, res, sandbox, params }) => {
    const body = await readJson(req);
    const session = store.get(sandbox.id, params['sessionId'] as string);
    if (!session.info.active && !session.info.lazyStart) throw new DaemonError(410, 'SESSION_ENDED', `PTY session '${session.info.id}' has terminated and cannot be resized`);
    session.resize(checkSize(optionalNumber(body, 'cols') ?? 0, 'cols'), checkSize(optionalNumber(body, 'rows') ?? 0, 'rows'));
    sendJson(res, 200, session.info);
  });
}

const CONNECT_ROUTE = /^\/process\/pty\/([^/]+)\/connect$/;
const CREATE_CONNECT_ROUTE = '/process/pty/create-connect';

/** The WebSocket side; answers false for paths that are not PTY sockets. */
export function createPtySocketHandler(store: PtyStore, webSocketFault?: (path: string) => WebSocketFault | undefined) {
  // The SDK offers X-Daytona-Pty-Exit-Control (and envs); the ws client insists that one is echoed.
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => [...protocols].find((p) => !p.startsWith(ENVS_PROTOCOL)) ?? false });
  const accept = (req: IncomingMessage, socket: Duplex, head: Buffer, then: (ws: WebSocket) => void) => {
    // An injected fault (tests) drops the connection abruptly after `afterMs`, as a network failure would.
    const afterMs = webSocketFault?.(new URL(req.url ?? '/', 'http://x').pathname)?.afterMs;
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (afterMs !== undefined) setTimeout(() => ws.terminate(), afterMs).unref();
      then(ws);
    });
  };
  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, sandbox: LocalSandbox, subPath: string, url: URL): boolean {
      const connect = CONNECT_ROUTE.exec(subPath);
      if (subPath === CREATE_CONNECT_ROUTE) {
        createAndConnect(store, sandbox, req, url).then(
          (session) => accept(req, socket, head, (ws) => session.attach(ws)),
          (err: unknown) => rejectUpgrade(socket, err, subPath),
        );
        return true;
      }
      if (!connect) return false;
      accept(req, socket, head, (ws) => {
        let session;
        try {
          session = store.get(sandbox.id, decodeURIComponent(connect[1] as string));
        } catch (err) {
          return sendControlError(ws, `Failed to connect to PTY session: ${err instanceof Error ? err.message : String(err)}`);
        }
        if (!session.info.active && !session.info.lazyStart) return sendControlError(ws, `Failed to connect to PTY session: PTY session '${session.info.id}' has terminated and is no longer available`);
        session.start().then(
          () => session.attach(ws),
          (err: unknown) => sendControlError(ws, `Failed to start PTY session: ${err instanceof Error ? err.message : String(err)}`),
        );
      });
      return true;
    },
    close(): void {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

async function createAndConnect(store: PtyStore, sandbox: LocalSandbox, req: IncomingMessage, url: URL) {
  const id = url.searchParams.get('id') ?? '';
  if (id === '') throw badRequest("session ID is required (query param 'id')");
  const size = (key: string) => {
    const raw = url.searchParams.get(key);
    return raw === null || raw === '' ? undefined : Number(raw);
  };
  return store.create(sandbox, { id, cwd: url.searchParams.get('cwd') ?? undefined, envs: envsFromProtocols(req.headers['sec-websocket-protocol']), cols: size('cols'), rows: size('rows') });
}

/** The envs the SDK sends as a subprotocol token (base64url of a JSON object of strings). */
export function envsFromProtocols(header: string | undefined): Record<string, string> {
  const token = (header ?? '').split(',').map((p) => p.trim()).find((p) => p.startsWith(ENVS_PROTOCOL));
  if (!token) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token.slice(ENVS_PROTOCOL.length), 'base64url').toString('utf8'));
  } catch {
    throw badRequest('invalid envs subprotocol: not base64url-encoded JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === 'string')) {
    throw badRequest('invalid envs subprotocol: expected a JSON object of strings');
  }
  return parsed as Record<string, string>;
}

function sendControlError(ws: WebSocket, error: string): void {
  ws.send(JSON.stringify({ type: 'control', status: 'error', error }));
  ws.close();
}

function rejectUpgrade(socket: Duplex, err: unknown, subPath: string): void {
  const e = err instanceof DaemonError ? err : new DaemonError(500, 'INTERNAL_SERVER_ERROR', err instanceof Error ? err.message : String(err));
  const body = JSON.stringify(daemonErrorBody(e, subPath, 'GET'));
  socket.end(`HTTP/1.1 ${e.statusCode} Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
