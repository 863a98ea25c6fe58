// What every benchmark shares: the repository root, the --quick flag, temp dirs that go away, progress on stderr.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Logger } from '../../src/common/logger';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
export const QUICK = process.argv.includes('--quick');

/** Prints one benchmark result: a JSON line on stdout (the orchestrator collects them). */
export function emit(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

const temps: string[] = [];

/** A temp dir removed at exit (also on SIGINT/SIGTERM through `cleanupOnSignals`). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `forge-bench-${prefix}-`));
  temps.push(dir);
  return dir;
}

export function removeTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Runs a benchmark's main: cleanup always, exit code 1 with the error on stderr when it fails. */
export function main(work: () => Promise<void>, cleanup: () => Promise<void> = () => Promise.resolve()): void {
  let cleaning: Promise<void> | undefined;
  const finish = (): Promise<void> => (cleaning ??= cleanup().catch((e: unknown) => progress(`cleanup: ${String(e)}`)).finally(removeTemps));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void finish().finally(() => process.exit(130)));
  }
  work().then(
    () => finish(),
    async (error: unknown) => {
      progress(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
      await finish();
    },
  ).finally(() => {
    // Stray handles (keep-alive sockets of the SDK) must not hold the benchmark open.
    setTimeout(() => process.exit(), 200).unref();
  });
}

/** The logger the benchmarks hand to Forge: warnings and errors on stderr as progress, the rest dropped. */
export const quietLogger: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: (m) => progress(`warn: ${m}`), error: (m) => progress(`error: ${String(m)}`) };
