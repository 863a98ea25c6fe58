// Per-sandbox runtime files the runner shares with sandbox processes: the port-remapping preload
// (read-only inside) and the port-map directory it writes.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LocalSandbox } from '../contracts';
import { PRELOAD_SOURCE } from './preloadSource';

export interface RuntimeFiles {
  readonly preload: string;
  readonly portMapDir: string;
}

export function runtimeFiles(sandbox: LocalSandbox): RuntimeFiles {
  return { preload: path.join(sandbox.runtimeDir, 'preload.cjs'), portMapDir: path.join(sandbox.runtimeDir, 'ports') };
}

/** Writes the preload (when missing or stale) and creates the port-map directory. Cheap when already done. */
export function ensureRuntimeFiles(sandbox: LocalSandbox): RuntimeFiles {
  const files = runtimeFiles(sandbox);
  mkdirSync(files.portMapDir, { recursive: true });
  let current: string | undefined;
  try {
    current = readFileSync(files.preload, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== PRELOAD_SOURCE) {
    const temp = `${files.preload}.${process.pid}.tmp`;
    writeFileSync(temp, PRELOAD_SOURCE, { mode: 0o644 });
    // rename is atomic: a process starting meanwhile never requires a half-written preload.
    renameSync(temp, files.preload);
  }
  return files;
}
