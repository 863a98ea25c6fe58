// One PTY session, as Daytona's daemon keeps it: a shell on a pseudo-terminal, any number of WebSocket
// clients attached (output is broadcast as binary frames, every frame a client sends is input), and on exit
// a text control message `{"type":"control","status":"exited","exitCode"}` then a close whose reason is
// `{"exitCode","exitReason"}` (1000 for 0, 1011 otherwise). Killing sends 137 ("SIGKILL").
import type { IPty } from '@lydell/node-pty';
import WebSocket from 'ws';
import { killTree } from '../../runner/processTree';
import { writeBytes } from './ptySpawn';

export interface PtyInfo {
  readonly id: string;
  readonly cwd: string;
  readonly envs: Record<string, string>;
  cols: number;
  rows: number;
  readonly createdAt: string;
  active: boolean;
  readonly lazyStart: boolean;
}

/** A client that has this many bytes queued is dropped (the daemon drops slow consumers too). */
const SLOW_CONSUMER_BYTES = 8 * 1024 * 1024;

export class PtySession {
  private pty: IPty | undefined;
  private startedOnce = false;
  /** Set once the session is over; a client attaching after that (a shell that exited at once) still hears it. */
  private ended: { exitCode: number; exited: boolean } | undefined;
  private readonly clients = new Set<WebSocket>();

  constructor(
    readonly info: PtyInfo,
    private readonly spawn: (info: PtyInfo) => Promise<IPty>,
    /** Called once the session is over (exited or killed): the store forgets it. */
    private readonly onEnd: () => void,
    /** Called on input, so typing in a terminal counts as sandbox activity. */
    private readonly onInput: () => void,
  ) {}

  async start(): Promise<void> {
    if (this.startedOnce) return;
    this.startedOnce = true;
    const pty = await this.spawn(this.info);
    this.pty = pty;
    this.info.active = true;
    pty.onData((data) => this.broadcast(data as unknown as Buffer));
    pty.onExit(({ exitCode, signal }) => this.finish(signal ? 128 + signal : exitCode, true));
  }

  attach(ws: WebSocket): void {
    ws.send(JSON.stringify({ type: 'control', status: 'connected' }));
    if (this.ended) return sendExit(ws, this.ended.exitCode, this.ended.exited);
    this.clients.add(ws);
    ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      const pty = this.pty;
      if (!pty || !this.info.active) return;
      writeBytes(pty, Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer));
      this.onInput();
    });
    ws.on('close', () => this.clients.delete(ws));
    ws.on('error', () => this.clients.delete(ws));
  }

  resize(cols: number, rows: number): void {
    this.info.cols = cols;
    this.info.rows = rows;
    this.pty?.resize(cols, rows);
  }

  /** Ends the shell and everything it started; clients see exit code 137. */
  async kill(): Promise<void> {
    const pty = this.pty;
    this.finish(137, false);
    if (pty) await killTree(pty.pid, 0);
  }

  private broadcast(data: Buffer): void {
    for (const ws of this.clients) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      if (ws.bufferedAmount > SLOW_CONSUMER_BYTES) {
        ws.close(1008, 'slow consumer');
        this.clients.delete(ws);
        continue;
      }
      ws.send(data, { binary: true });
    }
  }

  private finish(exitCode: number, exited: boolean): void {
    if (this.ended) return;
    this.ended = { exitCode, exited };
    this.info.active = false;
    for (const ws of this.clients) sendExit(ws, exitCode, exited);
    this.clients.clear();
    this.onEnd();
  }
}

function sendExit(ws: WebSocket, exitCode: number, exited: boolean): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  const reason = exitReason(exitCode);
  // The daemon sends the exit as a control message first only when the process exited by itself.
  if (exited) ws.send(JSON.stringify({ type: 'control', status: 'exited', exitCode, ...(reason ? { exitReason: reason } : {}) }));
  ws.close(exitCode === 0 ? 1000 : 1011, JSON.stringify({ exitCode, ...(reason ? { exitReason: reason } : {}) }));
}

/** The daemon's names for exit codes (none for 0). */
export function exitReason(exitCode: number): string | undefined {
  if (exitCode === 0) return undefined;
  if (exitCode === 130) return 'Ctrl+C';
  if (exitCode === 137) return 'SIGKILL';
  if (exitCode === 143) return 'SIGTERM';
  if (exitCode > 128) return `signal ${exitCode - 128}`;
  return 'non-zero exit';
}
