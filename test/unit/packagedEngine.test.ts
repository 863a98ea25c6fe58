// The .vsix ships no node_modules of its own (only the PTY native module in dist/node_modules): what the engine needs at run time must be inside dist/engine.js. The
// SDK's ESM build loads busboy (file downloads) with a runtime require that a bundle cannot satisfy, so esbuild.js
// bundles the SDK's CommonJS build. This builds the engine into a folder with no node_modules and downloads a file; the
// PTY native module, which cannot be bundled, is the one thing copied beside it (dist/node_modules).
import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type * as Engine from '../../src/engine';

const root = path.resolve(__dirname, '..', '..');
const load = createRequire(__filename);
const { builds, copyNativeModules } = load(path.join(root, 'esbuild.js')) as { builds: esbuild.BuildOptions[]; copyNativeModules: (distDir: string) => void };

describe('the packaged engine bundle', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'forge-packaged-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads and downloads sandbox files and opens a PTY with nothing but dist/engine.js and its dist/node_modules', async () => {
    const config = builds.find((b) => typeof b.entryPoints === 'object' && !Array.isArray(b.entryPoints) && 'engine' in b.entryPoints);
    assert.ok(config, 'esbuild.js has no engine entry');
    await esbuild.build({ ...config, absWorkingDir: root, outdir: path.join(dir, 'dist'), minify: true, sourcemap: false, logLevel: 'silent' });
    copyNativeModules(path.join(dir, 'dist'));
    const engine = createRequire(path.join(dir, 'dist', 'engine.js'))(path.join(dir, 'dist', 'engine.js')) as typeof Engine;
    const backend = await engine.startLocalBackend({ dataDir: path.join(dir, 'data') });
    try {
      const daytona = engine.createDaytonaClient({ kind: 'local', apiUrl: backend.apiUrl, apiKey: backend.apiKey });
      const sandbox = await daytona.create({ language: 'typescript' });
      await sandbox.fs.uploadFile(Buffer.from('from the package'), '/home/daytona/probe.txt');
      assert.equal((await sandbox.fs.downloadFile('/home/daytona/probe.txt')).toString(), 'from the package');
      // The PTY's native module is loaded from dist/node_modules (copied by esbuild.js), not from the repository's.
      let output = '';
      const pty = await sandbox.process.createPty({ id: 'packaged', onData: (d) => void (output += Buffer.from(d).toString()) });
      await pty.sendInput('echo pty-$((40+2)); exit 5\n');
      assert.equal((await pty.wait()).exitCode, 5);
      assert.match(output, /pty-42/);
      await sandbox.delete();
    } finally {
      await backend.close();
    }
  });
});
