// Real dev servers for tests that need their real output: pinned packages installed once from the npm registry
// into the test cache (cacheRoot()/real-servers), small projects written next to them, and a runner that
// captures what a server prints (colours on, as in a terminal or a sandbox with FORCE_COLOR) until a pattern
// appears or it exits.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import * as net from 'node:net';
import * as path from 'node:path';
import stripAnsi from 'strip-ansi';
import { withInstallLock } from '../host/installLock';
import { cacheRoot } from '../host/paths';

const INSTALL_TIMEOUT_MS = 10 * 60_000;

/** The folder holding node_modules with exactly these packages (installed on first use, then reused). */
export async function serverKit(name: string, packages: Readonly<Record<string, string>>): Promise<string> {
  const spec = JSON.stringify(packages);
  const dir = path.join(cacheRoot(), 'real-servers', `${name}-${createHash('sha256').update(spec).digest('hex').slice(0, 10)}`);
  const marker = path.join(dir, '.installed');
  if (existsSync(marker)) return dir;
  return withInstallLock(dir, async () => {
    if (existsSync(marker)) return dir;
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ private: true, dependencies: packages }, null, 2));
    const result = await capture('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, timeoutMs: INSTALL_TIMEOUT_MS });
    if (result.exitCode !== 0) throw new Error(`npm install ${Object.keys(packages).join(' ')} failed (${result.exitCode}):\n${result.output.slice(-2000)}`);
    await writeFile(marker, spec);
    return dir;
  });
}

/** A fresh project folder inside the kit (so its node_modules resolve), removed by the returned cleanup. */
export async function projectIn(kit: string, files: Readonly<Record<string, string>>): Promise<{ readonly dir: string; readonly remove: () => Promise<void> }> {
  const dir = path.join(kit, 'projects', randomBytes(4).toString('hex'));
  await mkdir(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface CaptureOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Stop the process once its output (without colours) matches. */
  readonly until?: RegExp;
  /** Called once when `until` matches, before the process is stopped (e.g. request a page). */
  readonly then?: () => Promise<void>;
  /** After `then`, keep reading until this matches as well. */
  readonly thenUntil?: RegExp;
  readonly timeoutMs?: number;
}

export interface Captured {
  /** Everything printed, stdout and stderr interleaved, colour codes included. */
  readonly output: string;
  readonly exitCode: number | null;
}

/** Runs a command in its own process group and returns what it printed; never leaves it running. */
export function capture(command: string, args: readonly string[], options: CaptureOptions): Promise<Captured> {
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, FORCE_COLOR: '1', CI: '1', ...options.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const stopGroup = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  return new Promise<Captured>((resolve, reject) => {
    let phase: 'until' | 'then' | 'thenUntil' | 'done' = options.until ? 'until' : 'done';
    const finish = (exitCode: number | null): void => {
      clearTimeout(timer);
      stopGroup();
      resolve({ output, exitCode });
    };
    const timer = setTimeout(() => {
      stopGroup();
      reject(new Error(`${command} ${args.join(' ')} did not ${phase === 'done' ? 'exit' : `print ${String(phase === 'until' ? options.until : options.thenUntil)}`} within ${options.timeoutMs ?? 60_000} ms. Output:\n${stripAnsi(output).slice(-3000)}`));
    }, options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const plain = stripAnsi(output);
      if (phase === 'until' && options.until?.test(plain)) {
        phase = 'then';
        void (options.then?.() ?? Promise.resolve()).then(() => {
          if (!options.thenUntil) return finish(null);
          phase = 'thenUntil';
          onData(Buffer.alloc(0));
        }, reject);
      } else if (phase === 'thenUntil' && options.thenUntil?.test(plain)) {
        phase = 'done';
        finish(null);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('close', (code) => finish(code));
  });
}

/** A TCP listener on a free port of every interface (IPv6 and IPv4), like another program holding the port. */
export async function holdPort(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: 0, host: '::' }, resolve);
  }).catch(
    () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: 0, host: '0.0.0.0' }, resolve);
      }),
  );
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const held = await holdPort();
  await held.close();
  return held.port;
}

/** GET a URL and ignore the answer: makes a dev server compile (and report errors for) a page or module. */
export async function touch(url: string): Promise<void> {
  await fetch(url, { signal: AbortSignal.timeout(30_000) }).then((r) => r.arrayBuffer()).catch(() => undefined);
}
