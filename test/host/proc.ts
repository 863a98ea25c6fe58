// Child processes for the harness: run-to-completion helpers and process-group cleanup.
import { spawn, type SpawnOptions } from 'node:child_process';

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Kill the command (and its process group) after this long. */
  readonly timeoutMs?: number;
}

export interface RunResult {
  readonly code: number;
  readonly output: string;
}

/** Runs a command with its output streamed live to ours; resolves with its exit code (never rejects on failure). */
export function runStreaming(command: string, args: readonly string[], options: RunOptions = {}): Promise<number> {
  return runChild(command, args, options, 'inherit').then((r) => r.code);
}

/** Runs a command and collects its output (stdout and stderr interleaved). */
export function runCaptured(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return runChild(command, args, options, 'pipe');
}

/** Like runCaptured, but throws with the command's output when it fails. */
export async function runChecked(command: string, args: readonly string[], options: RunOptions = {}): Promise<string> {
  const result = await runCaptured(command, args, options);
  if (result.code !== 0) {
    throw new Error(`\`${[command, ...args].join(' ')}\` failed with exit code ${result.code}:\n${tail(result.output, 60)}`);
  }
  return result.output;
}

function runChild(command: string, args: readonly string[], options: RunOptions, stdio: 'inherit' | 'pipe'): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const spawnOptions: SpawnOptions = {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: stdio === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
      // Own process group, so a timeout kills grandchildren (node-gyp, make, …) too.
      detached: true,
    };
    const child = spawn(command, args, spawnOptions);
    const chunks: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => chunks.push(c));
    child.stderr?.on('data', (c: Buffer) => chunks.push(c));
    let timedOut = false;
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            void killProcessGroup(child.pid);
          }, options.timeoutMs);
    const stopOnExit = (): void => void killProcessGroup(child.pid);
    process.once('exit', stopOnExit);
    child.once('error', (error) => {
      clearTimeout(timer);
      process.removeListener('exit', stopOnExit);
      reject(new Error(`could not start \`${command}\`: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      process.removeListener('exit', stopOnExit);
      let output = Buffer.concat(chunks).toString('utf8');
      if (timedOut) output += `\n[forge-test] killed after ${options.timeoutMs} ms`;
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

/** SIGTERM the whole group, then SIGKILL whatever is left after `graceMs`. Safe to call on a dead group. */
export function killProcessGroup(pid: number | undefined, graceMs = 0): Promise<void> {
  if (pid === undefined) return Promise.resolve();
  signalGroup(pid, 'SIGTERM');
  if (graceMs <= 0) {
    signalGroup(pid, 'SIGKILL');
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    setTimeout(() => {
      signalGroup(pid, 'SIGKILL');
      resolve();
    }, graceMs);
  });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

export function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}
