// Starts every process of a local sandbox: when isolated, inside bubblewrap (the sandbox's files at
// /home/daytona) in the sandbox's own network namespace (see network/); else as plain child processes in the
// sandbox's host directory, with the port-remapping preload. Each process gets its own process group so that
// stopping it ends everything it started; the runner remembers them per sandbox so that stopAll/dispose leave
// nothing behind (network namespaces included).
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { once } from 'node:events';
import type { LocalSandbox } from '../contracts';
import { bwrapArgs, type Bind } from './bwrap';
import { sandboxEnv } from './env';
import { hostBinary } from './hostBinary';
import { MemoryWatch, type MemoryKill, type MemoryLimitOptions } from './memoryWatch';
import { killTree } from './processTree';
import { readListeners, type Listener } from './network/listeners';
import { NetworkPool } from './network/networkPool';
import { processEnvironment, processPath, processView } from './processView';

export { detectIsolation } from './detect';
export { runtimeFiles } from './runtimeFiles';
export type { Listener } from './network/listeners';
export type { MemoryKill, MemoryLimitOptions } from './memoryWatch';

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
  /** Told when a process of this one's tree was killed for the sandbox's memory limit (a session writes it to its log). */
  readonly onMemoryKill?: (report: MemoryKill) => void;
}

export interface SandboxProcess {
  readonly child: ChildProcess;
  /** Resolves with the shell-style exit code (128 + signal number when killed). */
  readonly exited: Promise<number>;
  /** Ends the process and all it started (SIGTERM, then SIGKILL after a short grace). */
  kill(): Promise<void>;
}

/** A sandbox process's command line as the runner starts it (for a PTY: spawn exactly this). */
export interface CommandLine {
  readonly file: string;
  readonly args: readonly string[];
  readonly env: Record<string, string>;
  /** Host working directory (unisolated only; bubblewrap gets `--chdir`). */
  readonly cwd?: string;
}

/** How the backend reaches a sandbox's ports: its network's forwarder socket and the listeners it has. */
export interface SandboxPorts {
  readonly socketPath: string;
  readonly listeners: readonly Listener[];
}

export interface Runner {
  readonly isolated: boolean;
  /** Makes the sandbox ready to run processes (its network namespace up); call before `spawn`. */
  prepare(sandbox: LocalSandbox): Promise<void>;
  spawn(sandbox: LocalSandbox, request: SpawnRequest): SandboxProcess;
  /** The command line `spawn` would start, for callers that start the process themselves (a PTY). */
  commandLine(sandbox: LocalSandbox, request: SpawnRequest): CommandLine;
  /** Isolated: the sandbox's forwarder and its listening sockets; undefined while its network is down or unisolated. */
  ports(sandboxId: string): Promise<SandboxPorts | undefined>;
  /** How a sandbox path looks to a process: itself when isolated, its host path otherwise. */
  processPath(sandbox: LocalSandbox, insidePath: string): string;
  /** The environment a process gets (for commands that must rebuild it). */
  environment(sandbox: LocalSandbox, extra?: Readonly<Record<string, string>>): Record<string, string>;
  /** Counts a process the caller started itself (a PTY) against the sandbox's memory; returns the way to stop. */
  watchMemory(sandbox: LocalSandbox, pid: number): () => void;
  stopAll(sandboxId: string): Promise<void>;
  dispose(): Promise<void>;
}

export interface RunnerOptions {
  readonly isolate: boolean;
  /** Grace between SIGTERM and SIGKILL when stopping. */
  readonly killGraceMs?: number;
  /** The sandbox memory limit (see memoryWatch.ts); false: not enforced. */
  readonly memory?: MemoryLimitOptions | false;
  /** Server log lines (a memory kill). */
  readonly log?: (message: string) => void;
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15, SIGPIPE: 13, SIGABRT: 6 };

export function createRunner(options: RunnerOptions): Runner {
  const running = new Map<string, Set<SandboxProcess>>();
  const grace = options.killGraceMs ?? 1500;
  const networks = new NetworkPool();
  const memory = options.memory === false ? undefined : new MemoryWatch(options.memory ?? {}, options.log);
  const watchMemory = (sandbox: LocalSandbox, pid: number, onKill?: (report: MemoryKill) => void): (() => void) =>
    memory ? memory.track(sandbox.id, sandbox.memoryGiB, pid, onKill) : () => undefined;

  const commandLine = (sandbox: LocalSandbox, request: SpawnRequest): CommandLine => commandLineFor(options.isolate, networks, sandbox, request);

  function spawnProcess(sandbox: LocalSandbox, request: SpawnRequest): SandboxProcess {
    const proc = startProcess(commandLine(sandbox, request), request.stdio ?? ['ignore', 'pipe', 'pipe'], grace);
    const set = running.get(sandbox.id) ?? new Set<SandboxProcess>();
    running.set(sandbox.id, set);
    set.add(proc);
    const unwatch = proc.child.pid === undefined ? () => undefined : watchMemory(sandbox, proc.child.pid, request.onMemoryKill);
    void proc.exited.then(() => {
      unwatch();
      set.delete(proc);
    });
    return proc;
  }

  async function stopAll(sandboxId: string): Promise<void> {
    const set = running.get(sandboxId);
    if (set) await Promise.all([...set].map((p) => p.kill()));
    running.delete(sandboxId);
    await networks.stop(sandboxId);
  }

  async function ports(sandboxId: string): Promise<SandboxPorts | undefined> {
    const network = options.isolate ? networks.current(sandboxId) : undefined;
    if (!network) return undefined;
    return { socketPath: network.socketPath, listeners: await readListeners(network.holderPid) };
  }

  return {
    isolated: options.isolate,
    prepare: async (sandbox) => {
      if (options.isolate) await networks.ensure(sandbox.id);
    },
    spawn: spawnProcess,
    commandLine,
    ports,
    processPath: (sandbox, insidePath) => processPath(options.isolate, sandbox, insidePath),
    environment: (sandbox, extra) => sandboxEnv(sandbox, processView(options.isolate, sandbox), extra),
    watchMemory: (sandbox, pid) => watchMemory(sandbox, pid),
    stopAll,
    dispose: async () => {
      await Promise.all([...running.keys()].map((id) => stopAll(id)));
      memory?.dispose();
      await networks.dispose();
    },
  };
}

/** Unisolated: the program itself in its host directory; isolated: bubblewrap entered into the sandbox's network. */
function commandLineFor(isolate: boolean, networks: NetworkPool, sandbox: LocalSandbox, request: SpawnRequest): CommandLine {
  const env = processEnvironment(isolate, sandbox, request);
  if (!isolate) {
    const [file, ...args] = request.argv as [string, ...string[]];
    return { file, args, env, cwd: processPath(false, sandbox, request.cwd) };
  }
  const network = networks.current(sandbox.id);
  if (!network) throw new Error(`sandbox ${sandbox.id} has no network yet: the runner's prepare() must run first`);
  const resolvConf = networks.resolvConf();
  const args = bwrapArgs({ sandbox, cwd: request.cwd, argv: request.argv, binds: request.binds ?? [], newSession: request.newSession ?? false, ...(resolvConf ? { resolvConf } : {}) });
  const [enter, ...enterArgs] = network.enter as [string, ...string[]];
  return { file: hostBinary(enter), args: [...enterArgs, hostBinary('bwrap'), ...args], env };
}

/** Spawns a command line in its own process group; `kill` ends the whole tree (SIGTERM, SIGKILL after `grace`). */
function startProcess(line: CommandLine, stdio: StdioOptions, grace: number): SandboxProcess {
  const child: ChildProcess = spawn(line.file, line.args, { env: line.env, stdio, detached: true, ...(line.cwd ? { cwd: line.cwd } : {}) });
  const exited = new Promise<number>((resolve) => {
    child.once('error', () => resolve(127));
    child.once('exit', (code, sig) => resolve(code ?? 128 + (sig ? (SIGNALS[sig] ?? 1) : 1)));
  });
  let killing: Promise<void> | undefined;
  return {
    child,
    exited,
    kill: () => {
      killing ??= child.pid === undefined || child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : killTree(child.pid, grace).then(() => waitExit(child));
      return killing;
    },
  };
}

async function waitExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, 2000))]);
}
