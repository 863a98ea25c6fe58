// Child processes for benchmarks: each in its own process group (so a dev server's children go with it), with
// stdout read line by line and stderr kept for error messages.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Running {
  readonly child: ChildProcess;
  /** Resolves with the first stdout line `accept` takes; rejects when the process exits first or on timeout. */
  waitForLine(accept: (line: string) => boolean, timeoutMs: number): Promise<string>;
  /** Last stderr/stdout text, for error messages. */
  tail(): string;
  /** SIGTERM to the group, then SIGKILL after `graceMs`; resolves once the leader has exited. */
  stop(graceMs?: number): Promise<void>;
  readonly exited: Promise<number | null>;
}

export function run(command: string, args: readonly string[], options: SpawnOptions = {}): Running {
  const child = spawn(command, [...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options });
  let output = '';
  const keep = (text: string): void => {
    output = (output + text).slice(-8000);
  };
  const lines: string[] = [];
  const waiters = new Set<(line: string) => void>();
  if (child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      keep(`${line}\n`);
      lines.push(line);
      for (const w of waiters) w(line);
    });
  }
  child.stderr?.on('data', (chunk: Buffer) => keep(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let ended = false;
  void exited.then(() => (ended = true));
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  return {
    child,
    exited,
    tail: () => output,
    waitForLine(accept, timeoutMs) {
      const seen = lines.find(accept);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`no matching line after ${timeoutMs} ms from ${command} ${args.join(' ')}:\n${output}`)), timeoutMs);
        const onLine = (line: string): void => {
          if (accept(line)) finish(undefined, line);
        };
        const finish = (error?: Error, line?: string): void => {
          clearTimeout(timer);
          waiters.delete(onLine);
          if (error) reject(error);
          else resolve(line ?? '');
        };
        waiters.add(onLine);
        void exited.then((code) => finish(new Error(`${command} ${args.join(' ')} exited (${code}) before the expected line:\n${output}`)));
      });
    },
    async stop(graceMs = 30_000) {
      if (ended) {
        signalGroup('SIGKILL'); // stray grandchildren of an exited leader
        return;
      }
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      signalGroup('SIGKILL');
    },
  };
}

/** Runs to completion; rejects with the output tail on a non-zero exit. */
export async function runToEnd(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<void> {
  const p = run(command, args, options);
  const code = await p.exited;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${code}):\n${p.tail()}`);
}
