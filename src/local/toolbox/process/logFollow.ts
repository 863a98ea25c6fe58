// Follows a session command's log over a WebSocket (`…/logs?follow=true`): first everything already
// written, then each new write as it happens (event-driven, no polling), then a 1000 close once the command
// has exited and every byte was sent. Frames are binary and carry the marked log bytes unchanged.
import { createReadStream } from 'node:fs';
import type { WebSocket } from 'ws';
import type { WebSocketFault } from '../../contracts';
import type { SessionCommand } from './sessions';

const MAX_FRAME_BYTES = 8 * 1024;

export interface FollowOptions {
  /** Keep streaming new output; without it only what exists now is sent. */
  readonly follow: boolean;
  /** Fault injection: drop the connection abruptly (no close frame) after this many bytes or milliseconds. */
  readonly fault?: WebSocketFault;
}

export function followCommandLog(ws: WebSocket, command: SessionCommand, options: FollowOptions): void {
  const { log } = command;
  const snapshot = log.size;
  const pending: Buffer[] = [];
  let caughtUp = false;
  const onData = (offset: number, bytes: Buffer): void => {
    if (offset < snapshot) return; // already part of the initial read
    if (caughtUp) socket.send(bytes);
    else pending.push(bytes);
  };
  const onEnd = (): void => {
    if (caughtUp) socket.finish();
  };
  const socket = openLogSocket(ws, options.fault, () => {
    log.off('data', onData);
    log.off('end', onEnd);
  });

  if (options.follow) {
    log.on('data', onData);
    log.on('end', onEnd);
  }

  const initial = snapshot === 0 ? [] : createReadStream(log.file, { start: 0, end: snapshot - 1, highWaterMark: 256 * 1024 });
  void (async () => {
    try {
      for await (const chunk of initial as AsyncIterable<Buffer>) socket.send(chunk);
    } catch {
      // The log file vanished (session deleted): end the stream like an exited command.
    }
    for (const chunk of pending.splice(0)) socket.send(chunk);
    caughtUp = true;
    if (!options.follow || log.ended) socket.finish();
  })();
}

interface LogSocket {
  /** Sends bytes in small binary frames; with a byte fault, only up to its limit, then drops the connection. */
  send(data: Buffer): void;
  /** The normal end: a 1000 close. */
  finish(): void;
}

/** The socket's side of following a log; `onClosed` runs once the socket ends, whichever side ended it. */
function openLogSocket(ws: WebSocket, fault: WebSocketFault | undefined, onClosed: () => void): LogSocket {
  let sent = 0;
  let closed = false;
  const drop = (): void => {
    if (closed) return;
    closed = true;
    cleanup();
    ws.terminate();
  };
  const dropTimer = fault?.afterMs === undefined ? undefined : setTimeout(drop, fault.afterMs);

  const send = (data: Buffer): void => {
    if (closed || data.length === 0) return;
    const limit = fault?.afterBytes;
    const chunk = limit === undefined ? data : data.subarray(0, Math.max(0, limit - sent));
    // Small frames: the SDK's demultiplexer copies a frame's pending bytes at every line marker, so its cost
    // grows with the square of the frame size (a 64 KB frame of short lines blocked a client for seconds).
    for (let at = 0; at < chunk.length; at += MAX_FRAME_BYTES) ws.send(chunk.subarray(at, at + MAX_FRAME_BYTES), { binary: true });
    sent += chunk.length;
    if (limit !== undefined && sent >= limit) drop();
  };
  const finish = (): void => {
    if (closed) return;
    closed = true;
    cleanup();
    ws.close(1000);
  };
  const cleanup = (): void => {
    if (dropTimer) clearTimeout(dropTimer);
    onClosed();
  };
  ws.on('close', () => {
    closed = true;
    cleanup();
  });
  ws.on('error', () => {
    closed = true;
    cleanup();
  });
  return { send, finish };
}
