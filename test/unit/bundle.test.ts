// The extension bundle stays light: activation must not load the Daytona SDK (100+ ms) or the local backend,
// which live in dist/engine.js and are required on first use. Builds esbuild.js's own configuration in memory.
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const root = path.resolve(__dirname, '..', '..');
const load = createRequire(__filename);
const { builds } = load(path.join(root, 'esbuild.js')) as { builds: esbuild.BuildOptions[] };

/** Loose budget for the unminified extension bundle: it should be glue, not a second engine. */
const EXTENSION_BUDGET_BYTES = 400 * 1024;

function configFor(entry: string): esbuild.BuildOptions {
  const config = builds.find((b) => typeof b.entryPoints === 'object' && !Array.isArray(b.entryPoints) && entry in b.entryPoints);
  assert.ok(config, `esbuild.js has no "${entry}" entry point`);
  return config;
}

async function buildInMemory(entry: string): Promise<{ inputs: string[]; code: string }> {
  const result = await esbuild.build({ ...configFor(entry), absWorkingDir: root, write: false, metafile: true, sourcemap: false, logLevel: 'silent' });
  const code = result.outputFiles.find((f) => f.path.endsWith(`${entry}.js`))?.text ?? '';
  return { inputs: Object.keys(result.metafile.inputs), code };
}

describe('extension bundle', function () {
  this.timeout(30_000);
  let extension: { inputs: string[]; code: string };
  before(async () => {
    extension = await buildInMemory('extension');
  });

  it('does not contain @daytonaio/sdk, the engine entry or the local backend', () => {
    const heavy = extension.inputs.filter((i) => i.includes('node_modules/@daytonaio/') || i === 'src/engine.ts' || i.startsWith('src/local/'));
    assert.deepEqual(heavy, [], 'these belong in dist/engine.js, loaded on first use');
  });

  it('loads dist/engine.js lazily at run time', () => {
    assert.match(extension.code, /engine\.js/, 'dist/extension.js never mentions engine.js: how does it reach the engine?');
  });

  it(`stays under ${EXTENSION_BUDGET_BYTES / 1024} KiB unminified`, () => {
    const size = Buffer.byteLength(extension.code);
    assert.ok(size < EXTENSION_BUDGET_BYTES, `dist/extension.js is ${(size / 1024).toFixed(0)} KiB`);
  });

  it('puts the Daytona SDK in the engine bundle', async () => {
    const engine = await buildInMemory('engine');
    assert.ok(engine.inputs.some((i) => i.includes('node_modules/@daytonaio/')), 'dist/engine.js does not contain @daytonaio/sdk');
  });
});
