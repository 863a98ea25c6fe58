// Starts every process of a local sandbox: inside bubblewrap when isolation is on (the sandbox's files at
// /home/daytona), else as plain child processes in the sandbox's host directory. Each process gets its own
// process group so that stopping it ends everything it started; the runner remembers them per sandbox so
// that stopAll/dispose leave nothing behind.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { LocalSandbox } from '../contracts';
import { bwrapArgs, INSIDE_HOME, INSIDE_RUNTIME, type Bind } from './bwrap';
import { sandboxEnv, withPreload, type ProcessView } from './env';
import { killTree } from './processTree';
import { ensureRuntimeFiles } from './runtimeFiles';
import { findToolchains } from './toolchains';

export { detectIsolation } from './detect';
export { runtimeFiles } from './runtimeFiles';
export { INSIDE_HOME } from './bwrap';

export interface SpawnRequest {
  /** Program and arguments (e.g. `['sh', '-c', script]`); paths in them must be as the process sees them. */
  readonly argv: readonly string[];
  /** Working directory as a sandbox path (`/home/daytona/...`); the caller has checked it exists. */
  readonly cwd: string;
  /** Variables on top of the sandbox's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** A full environment to use instead of building one (a session restoring its exported variables). */
  readonly exactEnv?: Readonly<Record<string, string>>;
  /** Async session commands: a new session, so nothing can reach a terminal and one group holds the tree. */
  readonly newSession?: boolean;
  readonly stdio?: StdioOptions;
  /** Host files to make visible inside (bubblewrap only; without isolation host paths are used as they are). */
  readonly binds?: readonly Bind[];
}

export interface SandboxProcess {
  readonly child: ChildProcess;
  /** Resolves with the shell-style exit code (128 + signal number when killed). */
  readonly exited: Promise<number>;
  /** Ends the process and all it started (SIGTERM, then SIGKILL after a short grace). */
  kill(): Promise<void>;
}

/** How to start one sandbox process: the program (bwrap when isolated), its arguments, environment and host cwd. */
export interface ProcessCommand {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: Record<string, string>;
  /** Host working directory (undefined under bubblewrap: `--chdir` sets it inside). */
  readonly cwd?: string;
}

export interface Runner {
  readonly isolated: boolean;
  spawn(sandbox: LocalSandbox, request: SpawnRequest): SandboxProcess;
  /** The one place a sandbox process's command line is built; spawn uses it, and so does the PTY (node-pty). */
  command(sandbox: LocalSandbox, request: SpawnRequest): ProcessCommand;
  /** How a sandbox path looks to a process: itself when isolated, its host path otherwise. */
  processPath(sandbox: LocalSandbox, insidePath: string): string;
  /** The environment a process gets (for commands that must rebuild it). */
  environment(sandbox: LocalSandbox, extra?: Readonly<Record<string, string>>): Record<string, string>;
  stopAll(sandboxId: string): Promise<void>;
  dispose(): Promise<void>;
}

export interface RunnerOptions {
  readonly isolate: boolean;
  /** Grace between SIGTERM and SIGKILL when stopping. */
  readonly killGraceMs?: number;
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15, SIGPIPE: 13, SIGABRT: 6 };

export function createRunner(options: RunnerOptions): Runner {
  const running = new Map<string, Set<SandboxProcess>>();
  const grace = options.killGraceMs ?? 1500;

  function view(sandbox: LocalSandbox): ProcessView {
    const files = ensureRuntimeFiles(sandbox);
    if (options.isolate) {
      const toolPaths = findToolchains().pathEntries.filter((p) => !p.startsWith('/usr/'));
      return {
        home: INSIDE_HOME,
        path: [...toolPaths, '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'].join(':'),
        preload: `${INSIDE_RUNTIME}/preload.cjs`,
        portMapDir: `${INSIDE_RUNTIME}/ports`,
      };
    }
    return { home: sandbox.homeDir, path: process.env['PATH'] ?? '/usr/bin:/bin', preload: files.preload, portMapDir: files.portMapDir };
  }

  function processPath(sandbox: LocalSandbox, insidePath: string): string {
    if (options.isolate) return insidePath;
    const roots = [{ inside: INSIDE_HOME, host: sandbox.homeDir }, ...sandbox.volumes.map((v) => ({ inside: v.mountPath.replace(/\/$/, ''), host: v.hostDir }))].sort(
      (a, b) => b.inside.length - a.inside.length,
    );
    const root = roots.find((r) => insidePath === r.inside || insidePath.startsWith(`${r.inside}/`));
    if (!root) return insidePath;
    const rest = insidePath.slice(root.inside.length).replace(/^\//, '');
    return rest === '' ? root.host : path.join(root.host, ...rest.split('/'));
  }

  function command(sandbox: LocalSandbox, request: SpawnRequest): ProcessCommand {
    const processView = view(sandbox);
    // A restored session environment keeps the preload even if a command exported its own NODE_OPTIONS.
    const env = request.exactEnv
      ? { ...request.exactEnv, FORGE_PORT_MAP_DIR: processView.portMapDir, NODE_OPTIONS: withPreload(request.exactEnv['NODE_OPTIONS'], processView.preload) }
      : sandboxEnv(sandbox, processView, request.env);
    const files = ensureRuntimeFiles(sandbox);
    if (options.isolate) {
      const binds: Bind[] = [
        { host: files.preload, inside: `${INSIDE_RUNTIME}/preload.cjs`, readOnly: true },
        { host: files.portMapDir, inside: `${INSIDE_RUNTIME}/ports`, readOnly: false },
        ...(request.binds ?? []),
      ];
      return { file: 'bwrap', args: bwrapArgs({ sandbox, cwd: request.cwd, argv: request.argv, binds, newSession: request.newSession ?? false }), env };
    }
    const [file, ...args] = request.argv as [string, ...string[]];
    return { file, args, env, cwd: processPath(sandbox, request.cwd) };
  }

  function spawnProcess(sandbox: LocalSandbox, request: SpawnRequest): SandboxProcess {
    const cmd = command(sandbox, request);
    const stdio = request.stdio ?? ['ignore', 'pipe', 'pipe'];
    const child: ChildProcess = spawn(cmd.file, cmd.args, { env: cmd.env, stdio, detached: true, ...(cmd.cwd === undefined ? {} : { cwd: cmd.cwd }) });
    const exited = new Promise<number>((resolve) => {
      child.once('error', () => resolve(127));
      child.once('exit', (code, sig) => resolve(code ?? 128 + (sig ? (SIGNALS[sig] ?? 1) : 1)));
    });
    let killing: Promise<void> | undefined;
    const proc: SandboxProcess = {
      child,
      exited,
      kill: () => {
        killing ??= child.pid === undefined || child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : killTree(child.pid, grace).then(() => waitExit(child));
        return killing;
      },
    };
    const set = running.get(sandbox.id) ?? new Set<SandboxProcess>();
    running.set(sandbox.id, set);
    set.add(proc);
    void exited.then(() => set.delete(proc));
    return proc;
  }

  async function stopAll(sandboxId: string): Promise<void> {
    const set = running.get(sandboxId);
    if (!set) return;
    await Promise.all([...set].map((p) => p.kill()));
    running.delete(sandboxId);
  }

  return {
    isolated: options.isolate,
    spawn: spawnProcess,
    command,
    processPath,
    environment: (sandbox, extra) => sandboxEnv(sandbox, view(sandbox), extra),
    stopAll,
    dispose: async () => {
      await Promise.all([...running.keys()].map((id) => stopAll(id)));
    },
  };
}

async function waitExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 2000))]);
}
