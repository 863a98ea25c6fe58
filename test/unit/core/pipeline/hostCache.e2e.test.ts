import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { HOST_NPM_CACHE } from '../../../../src/core/pipeline/npmCacheSeed';
import { INSIDE_HOST_NPM_CACHE } from '../../../../src/local/runner/hostCaches';
import { fetchText, useStack } from './harness';

/** Every file under dir, relative, sorted (to see that nothing in the user's cache changed). */
function listing(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).sort();
}

describe('The user\'s npm cache as a read-only lower layer (local backend, isolated)', function () {
  this.timeout(240_000);
  const { stack, copy } = useStack();
  let hostCache: string;
  const saved = process.env['npm_config_cache'];

  before(function () {
    if (!stack().backend.isolated) this.skip(); // only an isolated sandbox shows the host cache
    // A host cache holding exactly the Express fixture's packages, filled by a plain npm ci on this machine.
    hostCache = mkdtempSync(path.join(tmpdir(), 'forge-host-npm-'));
    const work = mkdtempSync(path.join(tmpdir(), 'forge-host-app-'));
    cpSync(path.join(__dirname, '..', '..', '..', 'fixtures', 'express'), work, { recursive: true });
    execFileSync('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--cache', hostCache], { cwd: work, stdio: 'ignore' });
    rmSync(work, { recursive: true, force: true });
    process.env['npm_config_cache'] = hostCache;
  });
  after(() => {
    if (saved === undefined) delete process.env['npm_config_cache'];
    else process.env['npm_config_cache'] = saved;
    if (hostCache) rmSync(hostCache, { recursive: true, force: true });
  });

  it('both layers agree on where the host cache shows', () => {
    assert.equal(HOST_NPM_CACHE, INSIDE_HOST_NPM_CACHE);
  });

  it('installs from the host cache (copied into the sandbox\'s own cache) and cannot write into it', async () => {
    const before = listing(hostCache);
    const wc = await copy('express');
    const outcome = await stack().preview(wc.dir);
    assert.equal((await fetchText(outcome.previewUrl)).status, 200);
    assert.ok(stack().logs.some((l) => /Forge: \d+ packages \([\d.]+ MB\) from this machine's npm cache/.test(l)), 'the install did not copy from the host cache');
    const write = await outcome.preview.sandbox.process.executeCommand(`touch ${HOST_NPM_CACHE}/forge-was-here; rm -rf ${HOST_NPM_CACHE}/content-v2 2>&1; echo done`);
    assert.match(write.result, /Read-only file system/);
    assert.deepEqual(listing(hostCache), before, 'the user\'s cache changed');
  });
});
