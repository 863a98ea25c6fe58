// The host's temp directory as a place a secret must not stay: the run gets a temp directory of its own (TMPDIR, so
// Forge, the backends and every CLI child write there), and at the end every file left in it is scanned, except the
// lanes' data directories (each scenario scans those itself, and some cases plant secrets there on purpose).
import { mkdtempSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { scanTree, type Leak, type Secret } from './secrets';

export interface RunTempDir {
  readonly root: string;
  /** Every file under the root, outside `exclude`, scanned for `secrets`. */
  scan(secrets: readonly Secret[], exclude: readonly string[]): Promise<Leak[]>;
  /** Restores TMPDIR and removes the directory. */
  dispose(): void;
}

/** A short path under the system temp directory (UNIX socket paths there must stay under 108 bytes). */
export function useRunTempDir(base = '/tmp'): RunTempDir {
  const previous = process.env['TMPDIR'];
  const root = mkdtempSync(path.join(base, 'frl-'));
  process.env['TMPDIR'] = root;
  return {
    root,
    scan: (secrets, exclude) => scanTempTree(root, secrets, exclude),
    dispose: () => {
      if (previous === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = previous;
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function scanTempTree(root: string, secrets: readonly Secret[], exclude: readonly string[]): Promise<Leak[]> {
  const excluded = (file: string): boolean => exclude.some((dir) => file === dir || file.startsWith(`${dir}${path.sep}`));
  return scanTree(root, (file) => (excluded(file) ? [] : secrets));
}
