// What bubblewrap isolation guarantees: the sandbox sees /home/daytona (and its volumes), the system
// read-only, its own /tmp and /proc, no capabilities, and nothing else of the host.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { detectIsolation } from '../../../../src/local/toolbox/index';
import { skipWithout } from '../../../support/requirements';
import { BWRAP_AVAILABLE } from './support/isolation';
import { startSandbox, type SandboxFixture } from './support/sandboxFixture';

describe('local toolbox: bubblewrap isolation', () => {
  let f: SandboxFixture;

  before(async function () {
    if (!BWRAP_AVAILABLE) skipWithout(this, 'bubblewrap');
    f = await startSandbox({ isolate: true, volumes: [{ name: 'cache', mountPath: '/mnt/cache' }] });
  });
  after(async () => {
    await f?.stop();
  });

  it('is detected as available', async () => {
    assert.deepEqual(await detectIsolation(), { isolated: true });
  });

  it('hides the host: its home, the data directory and other sandboxes are not there', async () => {
    const other = await f.another();
    const r = await f.sandbox.process.executeCommand(`ls /root 2>&1; ls '${f.t.dataDir}' 2>&1; ls '${other.home}' 2>&1; echo end`);
    assert.match(r.result, /ls: cannot access '\/root': No such file or directory/);
    assert.match(r.result, /No such file or directory\n.*No such file or directory\nend\n$/s);
  });

  it('keeps the system read-only and drops every capability', async () => {
    const r = await f.sandbox.process.executeCommand('touch /usr/forge-test 2>&1; touch /etc/forge-test 2>&1; grep CapEff /proc/self/status');
    assert.match(r.result, /Read-only file system[\s\S]*Read-only file system/);
    assert.match(r.result, /CapEff:\s+0+\n/);
    assert.ok(!existsSync('/usr/forge-test') && !existsSync('/etc/forge-test'));
  });

  it('gives each command its own /tmp and pid namespace', async () => {
    await f.sandbox.process.executeCommand('echo private > /tmp/forge-private-tmp');
    const again = await f.sandbox.process.executeCommand('cat /tmp/forge-private-tmp 2>&1 || echo missing; echo $$');
    assert.match(again.result, /missing\n/);
    assert.ok(!existsSync('/tmp/forge-private-tmp'));
    const pids = await f.sandbox.process.executeCommand("ls /proc | grep -c '^[0-9]'");
    assert.ok(Number(pids.result.trim()) < 10, pids.result);
  });

  it('mounts volumes at their mount path for processes and for the file API alike', async () => {
    await f.sandbox.fs.uploadFile(Buffer.from('from the fs api'), '/mnt/cache/shared.txt');
    const r = await f.sandbox.process.executeCommand('cat /mnt/cache/shared.txt; echo " + shell" >> /mnt/cache/shared.txt');
    assert.equal(r.result, 'from the fs api');
    assert.equal((await f.sandbox.fs.downloadFile('/mnt/cache/shared.txt')).toString(), 'from the fs api + shell\n');
  });

  it('finds node and npm inside', async () => {
    const r = await f.sandbox.process.executeCommand('node --version && npm --version');
    assert.equal(r.exitCode, 0, r.result);
  });
});
