// PTY sessions per sandbox: create (started at once, or on first connect with lazyStart), list, get, kill,
// and drop them all when the sandbox stops. The shell starts through the runner's command builder.
import { existsSync } from 'node:fs';
import type { LocalSandbox } from '../../contracts';
import type { Runner } from '../../runner';
import { conflict, DaemonError, notFound } from '../daemonError';
import { workingDirectory } from '../process/executeRoutes';
import { PtySession, type PtyInfo } from './ptySession';
import { spawnPty } from './ptySpawn';

export interface PtyCreate {
  readonly id: string;
  readonly cwd?: string | undefined;
  readonly envs?: Readonly<Record<string, string>> | undefined;
  readonly cols?: number | undefined;
  readonly rows?: number | undefined;
  readonly lazyStart?: boolean | undefined;
}

const MAX_SIZE = 1000;

export class PtyStore {
  private readonly bySandbox = new Map<string, Map<string, PtySession>>();

  constructor(
    private readonly runner: Runner,
    private readonly onActivity: (sandboxId: string) => void,
  ) {}

  async create(sandbox: LocalSandbox, request: PtyCreate): Promise<PtySession> {
    if (request.id === '') throw new DaemonError(400, 'BAD_REQUEST', 'session ID is required');
    const sessions = this.sessions(sandbox.id);
    if (sessions.has(request.id)) throw conflict(`PTY session with ID '${request.id}' already exists`);
    const cols = checkSize(request.cols ?? 80, 'cols');
    const rows = checkSize(request.rows ?? 24, 'rows');
    const envs = { ...request.envs };
    envs['TERM'] ||= 'xterm-256color';
    const cwd = await workingDirectory(sandbox, request.cwd || undefined);
    const info: PtyInfo = { id: request.id, cwd, envs, cols, rows, createdAt: new Date().toISOString(), active: false, lazyStart: request.lazyStart ?? false };
    const session = new PtySession(
      info,
      async (i) => {
        // The PTY joins the sandbox's network like every other process.
        await this.runner.prepare(sandbox);
        const pty = await spawnPty(this.runner.commandLine(sandbox, { argv: shellArgv(), cwd: i.cwd, env: i.envs }), i.cols, i.rows);
        // What the shell starts counts against the sandbox's memory like any other process.
        const unwatch = this.runner.watchMemory(sandbox, pty.pid);
        pty.onExit(unwatch);
        return pty;
      },
      () => {
        if (sessions.get(info.id) === session) sessions.delete(info.id);
      },
      () => this.onActivity(sandbox.id),
    );
    sessions.set(info.id, session);
    if (!info.lazyStart) {
      try {
        await session.start();
      } catch (err) {
        sessions.delete(info.id);
        throw err instanceof DaemonError ? err : new DaemonError(500, 'INTERNAL_SERVER_ERROR', `failed to start PTY session: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return session;
  }

  list(sandboxId: string): PtyInfo[] {
    return [...this.sessions(sandboxId).values()].map((s) => s.info);
  }

  get(sandboxId: string, id: string): PtySession {
    const session = this.sessions(sandboxId).get(id);
    if (!session) throw notFound(`PTY session ${id} not found`);
    return session;
  }

  async kill(sandboxId: string, id: string): Promise<void> {
    await this.get(sandboxId, id).kill();
  }

  async dropSandbox(sandboxId: string): Promise<void> {
    const sessions = this.bySandbox.get(sandboxId);
    if (!sessions) return;
    await Promise.all([...sessions.values()].map((s) => s.kill()));
    this.bySandbox.delete(sandboxId);
  }

  private sessions(sandboxId: string): Map<string, PtySession> {
    let sessions = this.bySandbox.get(sandboxId);
    if (!sessions) {
      sessions = new Map();
      this.bySandbox.set(sandboxId, sessions);
    }
    return sessions;
  }
}

export function checkSize(value: number, name: 'cols' | 'rows'): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_SIZE) throw new DaemonError(400, 'BAD_REQUEST', `invalid value for ${name} - must be between 1 and ${MAX_SIZE}`);
  return value;
}

/**
 * An interactive shell (bash if present). Not a login shell, unlike the daemon's `-i -l`: a host
 * /etc/profile would reset PATH and lose the sandbox's toolchains.
 */
function shellArgv(): string[] {
  return existsSync('/bin/bash') ? ['/bin/bash', '-i'] : ['/bin/sh', '-i'];
}
