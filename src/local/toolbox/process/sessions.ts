// Sessions of one toolbox: named groups of commands with shared shell state (see shellState.ts) and a
// log file per command under the sandbox's runtime directory.
import { createHash, randomUUID } from 'node:crypto';
import { promises as fsp, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { LocalSandbox } from '../../contracts';
import type { Runner, SandboxProcess } from '../../runner';
import { conflict, DaemonError } from '../daemonError';
import { lexicalHostPath, toSandboxPath } from '../paths';
import { CommandLog } from './commandLog';
import { parseState, wrapForState, type ShellState } from './shellState';

/** The daemon's reserved ids (apps/daemon/internal/util/entrypoint_session.go). */
export const ENTRYPOINT_SESSION_ID = 'entrypoint';
export const ENTRYPOINT_COMMAND_ID = 'entrypoint_command';
const ENTRYPOINT_COMMAND = 'sleep infinity';

export interface SessionCommand {
  readonly id: string;
  readonly command: string;
  exitCode: number | undefined;
  readonly log: CommandLog;
  readonly process: SandboxProcess;
  readonly stdin: Writable | undefined;
  /** Resolves when the command has exited and its log is complete. */
  readonly done: Promise<void>;
}

export class Session {
  readonly commands = new Map<string, SessionCommand>();
  state: ShellState | undefined;
  deleted = false;

  constructor(
    readonly id: string,
    readonly dir: string,
  ) {}

  toJson(): { sessionId: string; commands: { id: string; command: string; exitCode?: number }[] } {
    return {
      sessionId: this.id,
      commands: [...this.commands.values()].map((c) => ({ id: c.id, command: c.command, ...(c.exitCode === undefined ? {} : { exitCode: c.exitCode }) })),
    };
  }
}

export class SessionStore {
  private readonly bySandbox = new Map<string, Map<string, Session>>();

  constructor(private readonly runner: Runner) {}

  create(sandbox: LocalSandbox, sessionId: string): Session {
    const sessions = this.sessionsOf(sandbox.id);
    if (sessions.has(sessionId)) throw conflict(`session ${sessionId} already exists`);
    const dir = path.join(sandbox.runtimeDir, 'sessions', createHash('sha256').update(sessionId).digest('hex').slice(0, 16));
    mkdirSync(dir, { recursive: true });
    const session = new Session(sessionId, dir);
    sessions.set(sessionId, session);
    return session;
  }

  get(sandboxId: string, sessionId: string): Session {
    const session = this.bySandbox.get(sandboxId)?.get(sessionId);
    if (!session) throw new DaemonError(404, 'NOT_FOUND', `session not found: ${sessionId}`);
    return session;
  }

  /** The sessions a client made (the daemon leaves out the entrypoint session). */
  list(sandboxId: string): Session[] {
    return [...this.sessionsOf(sandboxId).values()].filter((s) => s.id !== ENTRYPOINT_SESSION_ID);
  }

  /**
   * The entrypoint session, started on first ask: Daytona's default snapshot's entrypoint `sleep infinity`
   * (images/sandbox/Dockerfile), run as the daemon runs an entrypoint (async, command id `entrypoint_command`).
   * It prints nothing, so starting it when first asked for is indistinguishable from starting it with the sandbox.
   */
  ensureEntrypoint(sandbox: LocalSandbox): Session {
    const existing = this.bySandbox.get(sandbox.id)?.get(ENTRYPOINT_SESSION_ID);
    if (existing) return existing;
    const session = this.create(sandbox, ENTRYPOINT_SESSION_ID);
    this.execute(sandbox, session, ENTRYPOINT_COMMAND, true, ENTRYPOINT_COMMAND_ID);
    return session;
  }

  command(sandboxId: string, sessionId: string, commandId: string): SessionCommand {
    const command = this.get(sandboxId, sessionId).commands.get(commandId);
    if (!command) throw new DaemonError(404, 'PROCESS_NOT_FOUND', `command not found: ${commandId}`);
    return command;
  }

  /** Starts a command in the session; `background` commands get their own session (process-wise). */
  execute(sandbox: LocalSandbox, session: Session, command: string, background: boolean, id: string = randomUUID()): SessionCommand {
    if (session.deleted) throw new DaemonError(410, 'SESSION_ENDED', `session ${session.id} was deleted`);
    const log = new CommandLog(path.join(session.dir, `${id}.log`));
    const state = session.state;
    const proc = this.runner.spawn(sandbox, {
      argv: ['sh', '-c', wrapForState(command)],
      cwd: this.startDirectory(sandbox, state),
      ...(state ? { exactEnv: state.env } : {}),
      newSession: background,
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      // The daemon's session shell (bash, `common.GetShell()`) reports a child killed by the OOM killer on the
      // command's stderr, which its wrapper logs (apps/daemon/pkg/session/execute.go).
      onMemoryKill: (kill) => log.write('stderr', Buffer.from(`bash: line 1: ${kill.pid} Killed                  ${kill.command}\n`)),
    });
    const { child } = proc;
    child.stdout?.on('data', (chunk: Buffer) => log.write('stdout', chunk));
    child.stderr?.on('data', (chunk: Buffer) => log.write('stderr', chunk));
    const stateChunks: Buffer[] = [];
    const statePipe = child.stdio[3];
    if (statePipe && 'on' in statePipe) statePipe.on('data', (chunk: Buffer) => stateChunks.push(chunk));
    // Input reaches the command while it runs; the pipe stays open like the daemon's input FIFO.
    child.stdin?.on('error', () => undefined);
    const record: SessionCommand = {
      id,
      command,
      exitCode: undefined,
      log,
      process: proc,
      stdin: child.stdin ?? undefined,
      done: proc.exited.then(async (code) => {
        await settleOutput(child.stdout, child.stderr, statePipe);
        const next = parseState(Buffer.concat(stateChunks));
        if (next && !session.deleted) session.state = next;
        child.stdin?.destroy();
        record.exitCode = code;
        log.end();
      }),
    };
    session.commands.set(id, record);
    return record;
  }

  async delete(sandboxId: string, sessionId: string): Promise<void> {
    const session = this.get(sandboxId, sessionId);
    session.deleted = true;
    this.bySandbox.get(sandboxId)?.delete(sessionId);
    await Promise.all(
      [...session.commands.values()].map(async (c) => {
        await c.process.kill();
        await c.done;
      }),
    );
    await fsp.rm(session.dir, { recursive: true, force: true });
  }

  /** Forgets the sandbox's sessions after its processes were stopped (their logs stay readable until then). */
  async dropSandbox(sandboxId: string): Promise<void> {
    const sessions = this.bySandbox.get(sandboxId);
    if (!sessions) return;
    this.bySandbox.delete(sandboxId);
    for (const s of sessions.values()) s.deleted = true;
    await Promise.all(
      [...sessions.values()].map(async (s) => {
        await Promise.all(
          [...s.commands.values()].map(async (c) => {
            await c.process.kill();
            await c.done;
          }),
        );
        // Like Daytona, a stopped sandbox starts with no sessions; their logs would only pile up.
        await fsp.rm(s.dir, { recursive: true, force: true });
      }),
    );
  }

  private sessionsOf(sandboxId: string): Map<string, Session> {
    let sessions = this.bySandbox.get(sandboxId);
    if (!sessions) {
      sessions = new Map();
      this.bySandbox.set(sandboxId, sessions);
    }
    return sessions;
  }

  /** The session's last working directory when it still exists inside the sandbox, else the home. */
  private startDirectory(sandbox: LocalSandbox, state: ShellState | undefined): string {
    if (!state) return sandbox.insideHome;
    const inside = this.runner.isolated ? state.cwd : toSandboxPath(sandbox, state.cwd);
    if (!inside.startsWith('/')) return sandbox.insideHome;
    try {
      return statSync(lexicalHostPath(sandbox, inside)).isDirectory() ? inside : sandbox.insideHome;
    } catch {
      return sandbox.insideHome;
    }
  }
}

/**
 * Waits for the output pipes to finish after the process exited. A background child (`cmd &`) may keep a
 * pipe open forever, so this gives up after a short while instead of hanging the command.
 */
async function settleOutput(...streams: unknown[]): Promise<void> {
  const waits = streams.map((s) => {
    const stream = s as NodeJS.ReadableStream & { readableEnded?: boolean; destroyed?: boolean } | null | undefined;
    if (!stream || stream.readableEnded || stream.destroyed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', () => resolve());
    });
  });
  await Promise.race([Promise.all(waits), new Promise((r) => setTimeout(r, 250))]);
}
