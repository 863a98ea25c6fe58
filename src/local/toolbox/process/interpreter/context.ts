// One interpreter context: a Python worker (replWorker.ts) started through the runner, so it runs in the same
// isolation as every sandbox command, and a FIFO of executions, each streaming to its own WebSocket. As the
// daemon (v0.190.0 apps/daemon/pkg/toolbox/process/interpreter/repl_client.go, websocket.go): chunks are sent as
// {type, text, name, value, traceback}; the socket closes 1000 after the run, 4008 after a timeout; a worker
// that ends closes it 1001 and the next run starts a fresh one.
import { createInterface } from 'node:readline';
import type { WebSocket } from 'ws';
import type { LocalSandbox } from '../../../contracts';
import type { Runner, SandboxProcess } from '../../../runner';
import { PYTHON_REPL_WORKER } from './replWorker';

export const TIMEOUT_CLOSE_CODE = 4008;
/** How long past its timeout a run may take to stop on its own before the worker is killed (the daemon's grace). */
const GRACE_MS = 2000;

export interface ContextInfo {
  readonly id: string;
  readonly cwd: string;
  readonly createdAt: string;
  readonly active: boolean;
  readonly language: 'python';
}

export interface Execution {
  readonly code: string;
  readonly envs: Readonly<Record<string, string>>;
  /** Seconds; 0 or undefined: none. */
  readonly timeout: number;
  readonly ws: WebSocket;
}

interface Chunk {
  readonly type: string;
  readonly text: string;
  readonly name: string;
  readonly value: string;
  readonly traceback: string;
}

export class InterpreterContext {
  private readonly createdAt = new Date().toISOString();
  private worker: SandboxProcess | undefined;
  private onChunk: ((chunk: Chunk) => void) | undefined;
  private onExit: (() => void) | undefined;
  private readonly queue: Execution[] = [];
  private running = false;
  private closed = false;

  constructor(
    readonly id: string,
    readonly cwd: string,
    private readonly sandbox: LocalSandbox,
    private readonly runner: Runner,
  ) {}

  info(): ContextInfo {
    return { id: this.id, cwd: this.cwd, createdAt: this.createdAt, active: this.worker !== undefined, language: 'python' };
  }

  /** Starts the worker when none runs (creation, and after a worker ended). */
  start(): void {
    if (this.worker || this.closed) return;
    const script = 'if command -v python3 >/dev/null 2>&1; then exec python3 -u -c "$1"; else exec python -u -c "$1"; fi';
    const worker = this.runner.spawn(this.sandbox, { argv: ['sh', '-c', script, 'interpreter', PYTHON_REPL_WORKER], cwd: this.cwd, stdio: ['pipe', 'pipe', 'ignore'] });
    this.worker = worker;
    worker.child.stdin?.on('error', () => undefined);
    const lines = createInterface({ input: worker.child.stdout as NodeJS.ReadableStream });
    // A worker given up on (killed after a timeout) no longer speaks for the context.
    lines.on('line', (line) => {
      if (this.worker === worker) this.onChunk?.(parseChunk(line));
    });
    void worker.exited.then(() => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.onExit?.();
    });
  }

  enqueue(execution: Execution): void {
    this.queue.push(execution);
    if (!this.running) void this.drain();
  }

  /** Ends the worker and every waiting execution (delete, sandbox stop). */
  async shutdown(): Promise<void> {
    this.closed = true;
    for (const waiting of this.queue.splice(0)) closeSocket(waiting.ws, 1001, 'context shutdown');
    await this.worker?.kill();
  }

  private async drain(): Promise<void> {
    this.running = true;
    for (let next = this.queue.shift(); next && !this.closed; next = this.queue.shift()) {
      const { code, reason } = await this.run(next);
      closeSocket(next.ws, code, reason);
    }
    this.running = false;
  }

  private run(execution: Execution): Promise<{ code: number; reason: string }> {
    this.start();
    const worker = this.worker;
    if (!worker) return Promise.resolve({ code: 1001, reason: 'context shutdown' });
    return new Promise((resolve) => {
      let hardTimer: NodeJS.Timeout | undefined;
      const finish = (code: number, reason = ''): void => {
        if (hardTimer) clearTimeout(hardTimer);
        this.onChunk = undefined;
        this.onExit = undefined;
        resolve({ code, reason });
      };
      this.onChunk = (chunk) => {
        send(execution.ws, chunk);
        if (chunk.type === 'control' && chunk.text === 'completed') finish(1000);
        // Interrupted means the run's timeout fired (nothing else interrupts a worker here).
        if (chunk.type === 'control' && chunk.text === 'interrupted') finish(TIMEOUT_CLOSE_CODE);
      };
      this.onExit = () => finish(1001, 'worker process ended');
      if (execution.timeout > 0) {
        hardTimer = setTimeout(() => {
          this.worker = undefined;
          void worker.kill();
          finish(TIMEOUT_CLOSE_CODE);
        }, execution.timeout * 1000 + GRACE_MS);
      }
      const command = { code: execution.code, envs: execution.envs, timeout: execution.timeout };
      worker.child.stdin?.write(`${JSON.stringify(command)}\n`);
    });
  }
}

function parseChunk(line: string): Chunk {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed && typeof parsed === 'object') raw = parsed as Record<string, unknown>;
  } catch {
    // A line that is not JSON is forwarded as an empty chunk of no known type (the SDK ignores those).
  }
  const text = (key: string): string => {
    const value = raw[key];
    return typeof value === 'string' ? value : '';
  };
  return { type: text('type'), text: text('text'), name: text('name'), value: text('value'), traceback: text('traceback') };
}

function send(ws: WebSocket, chunk: Chunk): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(chunk));
}

export function closeSocket(ws: WebSocket, code: number, reason: string): void {
  if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
}
