// Forwarding to a dev server in a sandbox (see sandboxConnection.ts for how it is reached): plain HTTP with
// streaming both ways (SSE, uploads), and WebSocket upgrades (HMR) as a raw byte pipe after replaying the
// handshake. Node's http and net are enough for one local hop; see the report for why no proxy library.
import { request, STATUS_CODES, type Agent, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';
import type { Duplex } from 'node:stream';
import type { PortTarget } from '../contracts';
import { pairsToHeaders } from './access';
import { openConnection, requestTarget } from './sandboxConnection';

const RESPONSE_HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'trailer']);

export interface ForwardTarget {
  readonly endpoint: PortTarget;
  /** Path and query to request (tokens already removed). */
  readonly path: string;
  /** Header pairs to send (already cleaned). */
  readonly headers: readonly [string, string][];
}

/**
 * Sends `req` to the target and streams the answer back. `onUnreachable` runs when the dev server cannot be
 * reached before anything was answered (the caller then writes a 502 page). A bodiless GET/HEAD that fails on
 * a reused keep-alive socket (the dev server restarted) is retried once on a fresh connection.
 */
export function forwardHttp(
  req: IncomingMessage,
  res: ServerResponse,
  target: ForwardTarget,
  agent: Agent,
  extraSetCookie: string | undefined,
  onUnreachable: (error: Error) => void,
): void {
  const method = req.method ?? 'GET';
  const bodiless = (method === 'GET' || method === 'HEAD') && req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined;
  const attempt = (mayRetry: boolean): void => {
    const upstream = request({ ...requestTarget(target.endpoint), method, path: target.path, headers: pairsToHeaders(target.headers), agent });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage ?? STATUS_CODES[answer.statusCode ?? 502], responseHeaders(answer, extraSetCookie));
      res.flushHeaders();
      pipeline(answer, res, () => undefined);
    });
    upstream.on('error', (error) => {
      if (res.headersSent) {
        res.destroy();
      } else if (mayRetry && upstream.reusedSocket) {
        attempt(false);
      } else {
        onUnreachable(error);
      }
    });
    res.once('close', () => {
      if (!res.writableFinished) {
        upstream.destroy();
      }
    });
    if (bodiless) {
      upstream.end();
    } else {
      pipeline(req, upstream, () => undefined);
    }
  };
  if (bodiless) {
    req.resume();
  }
  attempt(bodiless);
}

function responseHeaders(answer: IncomingMessage, extraSetCookie: string | undefined): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value !== undefined && !RESPONSE_HOP_BY_HOP.has(name)) {
      headers[name] = value;
    }
  }
  if (extraSetCookie !== undefined) {
    const existing = answer.headers['set-cookie'] ?? [];
    headers['set-cookie'] = [...existing, extraSetCookie];
  }
  return headers;
}

/**
 * Replays the upgrade request on a fresh connection to the dev server and then pipes raw bytes both ways.
 * The dev server's own handshake answer (101 with its accept key and subprotocol) passes through untouched.
 */
export function forwardUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, target: ForwardTarget, onUnreachable: (error: Error) => void): void {
  const upstream = openConnection(target.endpoint);
  let connected = false;
  upstream.setNoDelay(true);
  upstream.on('connect', () => {
    connected = true;
    const lines = target.headers.map(([name, value]) => `${name}: ${value}\r\n`).join('');
    upstream.write(`${req.method ?? 'GET'} ${target.path} HTTP/1.1\r\n${lines}\r\n`);
    if (head.length > 0) {
      upstream.write(head);
    }
    socket.pipe(upstream);
    upstream.pipe(socket);
  });
  upstream.on('error', (error) => {
    if (connected) {
      socket.destroy();
    } else {
      onUnreachable(error);
    }
  });
  upstream.on('close', () => {
    if (connected) {
      socket.destroy();
    }
  });
  socket.on('error', () => upstream.destroy());
  socket.on('close', () => upstream.destroy());
}
