// The pieces of the test harness (test/host) that decide results: suite discovery, the unit tier's counts,
// the vsix content rule, the install marker and lock, and host selection.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { isComplete, writeMarker } from '../host/codeServerInstall';
import { withInstallLock } from '../host/installLock';
import { unexpectedEntries } from '../host/packagedVsix';
import { selectHost } from '../host/selectHost';
import type { TestRecord } from '../integration/results';

const load = createRequire(__filename);
const { findSuites } = load('../host/integrationSuitesPlugin.cjs') as { findSuites: (root: string) => string[] };
const root = path.resolve(__dirname, '..', '..');

describe('test harness', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-harness-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('bundles every *.test.ts under test/integration, nested ones too, in a stable order', () => {
    for (const file of ['b.test.ts', 'a.test.ts', 'sub/c.test.ts', 'support/helper.ts', 'index.ts', 'notes.test.md']) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), '');
    }
    assert.deepEqual(findSuites(dir), ['a.test.ts', 'b.test.ts', 'sub/c.test.ts']);
  });

  it('counts passed, failed and pending unit tests through the reporter, with what each pending test needs', function () {
    this.timeout(20_000);
    const spec = path.join(dir, 'sample.test.ts');
    const requirements = JSON.stringify(path.join(root, 'test', 'support', 'requirements.ts'));
    fs.writeFileSync(
      spec,
      [
        `import { skipWithout } from ${requirements};`,
        "it('passes', () => {});",
        "it('fails', () => { throw new Error('no'); });",
        "it.skip('waits', () => {});",
        "it('needs bwrap', function () { skipWithout(this, 'bubblewrap'); });",
        "describe('suite', () => { before(function () { skipWithout(this, 'ui-automation'); }); it('a', () => {}); it('b', () => {}); });",
      ].join('\n'),
    );
    const counts = path.join(dir, 'counts.json');
    const mocha = path.join(root, 'node_modules', '.bin', 'mocha');
    const run = spawnSync(mocha, ['--no-config', '--require', 'tsx/cjs', '--reporter', path.join(root, 'test', 'host', 'countingSpecReporter.cjs'), spec], {
      env: { ...process.env, FORGE_TEST_COUNTS: counts },
      encoding: 'utf8',
      cwd: root,
    });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /1 passing/, 'the spec output is still printed');
    const summary = JSON.parse(fs.readFileSync(counts, 'utf8')) as { passed: number; failed: number; pending: number; tests: TestRecord[] };
    assert.deepEqual([summary.passed, summary.failed, summary.pending], [1, 1, 4]);
    const pending = summary.tests.filter((t) => t.state === 'pending').map((t) => [t.title, t.requirement]);
    assert.deepEqual(pending, [
      ['waits', undefined],
      ['needs bwrap', 'bubblewrap'],
      ['suite a', 'ui-automation'],
      ['suite b', 'ui-automation'],
    ]);
  });

  it('lets only the built extension, media and documents into the vsix', () => {
    const entries = [
      'extension.vsixmanifest',
      '[Content_Types].xml',
      'extension/package.json',
      'extension/readme.md',
      'extension/LICENSE.txt',
      'extension/dist/extension.js',
      'extension/dist/webview/preview.js',
      'extension/media/forge.png',
      'extension/dist/extension.js.map',
      'extension/dist/test/integration/index.js',
      'extension/media/preview.ts',
      'extension/src/extension.ts',
      'extension/node_modules/ws/index.js',
    ];
    assert.deepEqual(unexpectedEntries(entries), [
      'extension/dist/extension.js.map',
      'extension/dist/test/integration/index.js',
      'extension/media/preview.ts',
      'extension/src/extension.ts',
      'extension/node_modules/ws/index.js',
    ]);
  });

  it('treats an install as complete only once its marker is written', () => {
    assert.equal(isComplete(dir), false);
    writeMarker(dir);
    assert.equal(isComplete(dir), true);
    const marker = path.join(dir, '.forge-install-complete');
    fs.writeFileSync(marker, JSON.stringify({ ...JSON.parse(fs.readFileSync(marker, 'utf8')), nodeModulesAbi: '1' }));
    assert.equal(isComplete(dir), false, 'native modules built for another Node must be rebuilt');
  });

  it('takes over the install lock of a process that died', async () => {
    const target = path.join(dir, 'install');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.mkdirSync(`${target}.lock`);
    fs.writeFileSync(path.join(`${target}.lock`, 'pid'), dead.stdout);
    assert.equal(await withInstallLock(target, () => Promise.resolve('ran')), 'ran');
    assert.equal(fs.existsSync(`${target}.lock`), false, 'the lock is released');
  });

  it('picks code-server on Linux without a display, and refuses an unknown host', async function () {
    if (process.platform !== 'linux') this.skip(); // no recorded requirement: the harness fails the run off Linux
    const saved = { DISPLAY: process.env['DISPLAY'], WAYLAND_DISPLAY: process.env['WAYLAND_DISPLAY'] };
    delete process.env['DISPLAY'];
    delete process.env['WAYLAND_DISPLAY'];
    try {
      assert.deepEqual(await selectHost('auto'), { kind: 'code-server', reason: 'no display for desktop VS Code' });
    } finally {
      for (const [name, value] of Object.entries(saved)) if (value !== undefined) process.env[name] = value;
    }
    await assert.rejects(selectHost('firefox'), /Unknown test host "firefox"/);
  });
});
