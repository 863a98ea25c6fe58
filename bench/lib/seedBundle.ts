// Bundles the seed baseline the way esbuild.js bundles dist/cli.js, so both start as one plain `node` process.
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { REPO_ROOT } from './env';

/**
 * Written next to dist/cli.js (dist/bench/seed.js): the SDK resolves some modules (busboy) with a runtime
 * require, which finds them from there exactly as it does for the CLI.
 */
export async function bundleSeed(): Promise<string> {
  const outfile = path.join(REPO_ROOT, 'dist', 'bench', 'seed.js');
  await esbuild.build({
    entryPoints: [path.join(REPO_ROOT, 'bench', 'seed', 'seedPreview.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    alias: { '@bugsnag/js': path.join(REPO_ROOT, 'src/core/detect/bugsnagStub.js') },
  });
  return outfile;
}
