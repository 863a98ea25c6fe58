import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface TempDir {
  readonly path: string;
  /** Removes the directory now (it is also removed when the process exits, Ctrl-C included). */
  remove(): void;
}

/**
 * A directory under the system temp dir that does not outlive the harness. FORGE_TEST_KEEP=1 keeps it (and
 * says where) for a look after a failure.
 */
export function makeTempDir(prefix: string): TempDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (process.env['FORGE_TEST_KEEP'] === '1') {
    return { path: dir, remove: () => console.log(`[forge-test] kept ${dir} (FORGE_TEST_KEEP=1)`) };
  }
  const remove = (): void => {
    process.removeListener('exit', remove);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', remove);
  return { path: dir, remove };
}
