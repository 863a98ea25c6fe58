// A terminal attached to a PTY in a sandbox, independent of VS Code (the Pseudoterminal and the CLI adapt it):
// opens the shell with the real SDK's createPty, forwards input and resizes, tells an exit (the shell ended)
// from a drop (the connection ended, the shell may live on), reconnects to the same PTY with connectPty (or
// starts a new shell when it is gone), and ends the PTY when the terminal closes.
import type { PtyHandle, Sandbox } from '../../daytona/port';

/** The SDK calls a terminal needs (a Sandbox's `process`). */
export type PtyProcess = Pick<Sandbox['process'], 'createPty' | 'connectPty' | 'killPtySession'>;

export interface TerminalTarget {
  readonly process: PtyProcess;
  /** Working directory inside the sandbox (the app's folder); the sandbox home when absent. */
  readonly cwd?: string;
  /** Variables on top of the sandbox's own environment (the dev server's environment). */
  readonly envs?: Readonly<Record<string, string>>;
}

export interface TerminalEvents {
  output(text: string): void;
  /** The shell ended (exit code, or undefined when unknown); the terminal is finished. */
  exited(exitCode: number | undefined): void;
  /** The connection ended while the shell may still run: `reconnect()` may bring it back. */
  dropped(reason: string): void;
}

export type TerminalState = 'idle' | 'connecting' | 'open' | 'dropped' | 'exited' | 'closed';

let counter = 0;
function newPtyId(): string {
  counter += 1;
  return `forge-terminal-${Date.now().toString(36)}-${process.pid.toString(36)}-${counter}`;
}

export class TerminalSession {
  private handle: PtyHandle | undefined;
  private current: TerminalState = 'idle';
  private id: string;
  private size = { cols: 80, rows: 24 };
  private pendingInput: string[] = [];

  constructor(
    private readonly target: TerminalTarget,
    private readonly events: TerminalEvents,
    makeId: () => string = newPtyId,
  ) {
    this.id = makeId();
  }

  get state(): TerminalState {
    return this.current;
  }

  /** The PTY session id in the sandbox. */
  get ptyId(): string {
    return this.id;
  }

  async open(cols: number, rows: number): Promise<void> {
    this.size = { cols, rows };
    this.current = 'connecting';
    const handle = await this.target.process.createPty({
      id: this.id,
      cols,
      rows,
      ...(this.target.cwd ? { cwd: this.target.cwd } : {}),
      ...(this.target.envs && Object.keys(this.target.envs).length > 0 ? { envs: { ...this.target.envs } } : {}),
      onData: this.decoderFor(),
    });
    this.attached(handle);
  }

  /** Typed text. Before the PTY is connected it waits; after a drop it is dropped (the caller offers reconnect). */
  input(data: string): void {
    if (this.current === 'connecting') this.pendingInput.push(data);
    else if (this.current === 'open' && this.handle) void this.handle.sendInput(data).catch(() => undefined);
  }

  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
    if (this.current === 'open' && this.handle) void this.handle.resize(cols, rows).catch(() => undefined);
  }

  /** After a drop: attach to the same PTY again, or start a new shell when the sandbox no longer has it. */
  async reconnect(): Promise<'reattached' | 'new-shell'> {
    if (this.current !== 'dropped') throw new Error(`cannot reconnect a terminal that is ${this.current}`);
    this.current = 'connecting';
    try {
      const handle = await this.target.process.connectPty(this.id, { onData: this.decoderFor() });
      this.attached(handle);
      await handle.resize(this.size.cols, this.size.rows).catch(() => undefined);
      return 'reattached';
    } catch (err) {
      if (!/not found|no longer available|terminated/i.test(err instanceof Error ? err.message : String(err))) {
        this.current = 'dropped';
        throw err;
      }
    }
    this.id = newPtyId();
    try {
      await this.open(this.size.cols, this.size.rows);
    } catch (err) {
      this.current = 'dropped';
      throw err;
    }
    return 'new-shell';
  }

  /** Ends the PTY in the sandbox (closing the terminal means the shell is no longer wanted). */
  async close(): Promise<void> {
    const wasLive = this.current === 'open' || this.current === 'dropped' || this.current === 'connecting';
    this.current = 'closed';
    const handle = this.handle;
    this.handle = undefined;
    if (wasLive) await this.target.process.killPtySession(this.id).catch(() => undefined);
    await handle?.disconnect().catch(() => undefined);
  }

  private attached(handle: PtyHandle): void {
    if (this.current === 'closed') {
      void handle.kill().catch(() => undefined);
      return;
    }
    this.handle = handle;
    this.current = 'open';
    const pending = this.pendingInput;
    this.pendingInput = [];
    for (const data of pending) this.input(data);
    void handle.wait().then(
      (result) => this.ended(handle, result.exitCode, result.error),
      (err: unknown) => this.ended(handle, undefined, err instanceof Error ? err.message : String(err)),
    );
  }

  private ended(handle: PtyHandle, exitCode: number | undefined, error: string | undefined): void {
    if (handle !== this.handle || this.current !== 'open') return;
    this.handle = undefined;
    if (exitCode !== undefined) {
      this.current = 'exited';
      this.events.exited(exitCode);
      return;
    }
    this.current = 'dropped';
    this.events.dropped(error ?? 'the connection closed');
  }

  /** A streaming UTF-8 decoder per connection (a character may span two frames). */
  private decoderFor(): (data: Uint8Array) => void {
    const decoder = new TextDecoder();
    return (data) => {
      const text = decoder.decode(data, { stream: true });
      if (text) this.events.output(text);
    };
  }
}
