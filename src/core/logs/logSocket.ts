import type { Sandbox } from '../../daytona/port';
import WebSocket from 'ws';
import { LogDemuxer } from './demux';
import type { LogStream } from './lineBatcher';

/** Daytona's proxy leaves the sandbox's last activity alone for requests that send this. */
export const SKIP_ACTIVITY: Readonly<Record<string, string>> = { 'X-Daytona-Skip-Last-Activity-Update': 'true' };

export interface LogSocketTarget {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

interface ToolboxClientConfig {
  readonly basePath?: unknown;
  readonly baseOptions?: { readonly headers?: unknown };
}

/**
 * Where the SDK itself would open a command's log stream: the toolbox base of the sandbox and the SDK's own
 * request headers (Authorization, SDK version). Undefined when the SDK's internals differ from 0.218.0, in which
 * case the caller falls back to the SDK's method.
 */
export function logSocketTarget(sandbox: Sandbox, sessionId: string, commandId: string): LogSocketTarget | undefined {
  const config = (sandbox.process as unknown as { clientConfig?: ToolboxClientConfig }).clientConfig;
  const base = config?.basePath;
  const headers = config?.baseOptions?.headers;
  if (typeof base !== 'string' || typeof headers !== 'object' || headers === null) return undefined;
  const stringHeaders = Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
  const url = `${base.replace(/^http/, 'ws')}/process/session/${encodeURIComponent(sessionId)}/command/${encodeURIComponent(commandId)}/logs?follow=true`;
  // Following logs is not the user's activity: Daytona's proxy would otherwise keep the sandbox awake for as long as
  // the socket stays open (every 50 s), and auto-stop would never fire while VS Code is open.
  return { url, headers: { ...stringHeaders, ...SKIP_ACTIVITY } };
}

/** How often the log socket pings: proxies and load balancers drop a connection that stays silent for long. */
export const LOG_PING_INTERVAL_MS = 30_000;

/**
 * Follows a log WebSocket until the server closes it (resolves, whatever the close code) or it fails (rejects).
 * Aborting closes the socket at once, so a follower that is no longer wanted holds no connection. It pings every
 * `pingIntervalMs`; a ping still unanswered at the next one means a dead connection, which is closed (the caller
 * reconnects).
 */
export function streamLogSocket(target: LogSocketTarget, onText: (text: string, stream: LogStream) => void, signal: AbortSignal, pingIntervalMs = LOG_PING_INTERVAL_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    // One message per event-loop turn: a burst of frames read at once cannot hold the extension host for long.
    const socket = new WebSocket(target.url, { headers: target.headers, allowSynchronousEvents: false });
    const demux = new LogDemuxer(onText);
    const onAbort = (): void => socket.terminate();
    signal.addEventListener('abort', onAbort, { once: true });
    let answered = true;
    const pinger = setInterval(() => {
      if (socket.readyState !== WebSocket.OPEN) return;
      if (!answered) {
        socket.terminate();
        return;
      }
      answered = false;
      socket.ping();
    }, pingIntervalMs);
    socket.on('pong', () => (answered = true));
    const done = (): void => {
      clearInterval(pinger);
      signal.removeEventListener('abort', onAbort);
    };
    socket.on('message', (data: WebSocket.RawData) => demux.push(toBytes(data)));
    socket.on('close', () => {
      done();
      demux.end();
      resolve();
    });
    socket.on('error', (error) => {
      done();
      reject(error);
    });
  });
}

function toBytes(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
