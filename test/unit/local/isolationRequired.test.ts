// No silent fallback: where bubblewrap or slirp4netns is missing, the backend refuses to start with what to
// install, unless the caller chose to run unisolated. Each case is a fresh node process with a PATH that lacks
// the tool (the probe is remembered per process).
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const SCRIPT = `
const { startLocalBackend } = require('./src/local');
startLocalBackend({ dataDir: process.argv[1], isolate: process.argv[2] === 'isolate' }).then(
  async (b) => { console.log(JSON.stringify({ started: true, isolated: b.isolated })); await b.close(); },
  (e) => console.log(JSON.stringify({ code: e.code, message: e.message, hint: e.hint })),
);`;

function startWith(tools: readonly string[], mode: 'isolate' | 'none'): Promise<{ started?: boolean; isolated?: boolean; code?: string; message?: string; hint?: string }> {
  const bin = mkdtempSync(join(tmpdir(), 'forge-path-'));
  for (const tool of tools) symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
  const data = join(bin, 'data');
  return new Promise((done, fail) => {
    execFile(process.execPath, ['-r', 'tsx/cjs', '-e', SCRIPT, data, mode], { cwd: ROOT, env: { PATH: bin, HOME: bin }, timeout: 60_000 }, (error, stdout, stderr) => {
      rmSync(bin, { recursive: true, force: true });
      if (error) fail(new Error(`${error.message}\n${stderr}`));
      else done(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as { code?: string });
    });
  });
}

describe('local backend: isolation is required unless turned off explicitly', function () {
  this.timeout(120_000);
  before(function () {
    if (process.platform !== 'linux') this.skip();
  });

  it('refuses to start without slirp4netns, naming it and how to install it', async () => {
    const r = await startWith(['bwrap', 'unshare', 'nsenter', 'ip', 'sh'], 'isolate');
    assert.equal(r.code, 'isolation-unavailable');
    assert.match(r.message ?? '', /slirp4netns is not installed/, JSON.stringify(r));
    assert.match(r.hint ?? '', /sudo apt install bubblewrap slirp4netns/);
    assert.match(r.hint ?? '', /forge\.local\.isolation.*--no-isolation/);
  });

  it('refuses to start without bubblewrap, naming it and how to install it', async () => {
    const r = await startWith(['unshare', 'nsenter', 'slirp4netns', 'ip', 'sh'], 'isolate');
    assert.equal(r.code, 'isolation-unavailable');
    assert.match(r.message ?? '', /bubblewrap \(bwrap\) is not installed.*sudo apt install bubblewrap slirp4netns/);
  });

  it('starts unisolated only when asked to', async () => {
    assert.deepEqual(await startWith(['sh'], 'none'), { started: true, isolated: false });
  });
});
