// Faithful twin, point 4: a Daytona sandbox's container cgroup holds it to its memory (1 GiB by default); past it
// the kernel's OOM killer ends the biggest process with SIGKILL (exit 137). The local backend used to limit no
// memory, so an install or dev server that would die on the cloud passed every test. Here a sandbox's processes
// are held to 200 MiB per GiB (the test's scale; the default is 1 GiB per GiB).
import { strict as assert } from 'node:assert';
import { startTestBackend, type TestBackend } from '../helpers';

const MIB = 1024 * 1024;
/** Grows by 16 MiB every 20 ms, touching every page, up to 640 MiB (bounded: without a limit it exits 0 after 3 s). */
const HOG = `node -e "const a = []; const t = setInterval(() => { a.push(Buffer.alloc(16 * 1024 * 1024, 1)); if (a.length === 40) { clearInterval(t); setTimeout(() => {}, 3000); } }, 20)"`;

describe('Twin: the sandbox memory limit is enforced', function () {
  this.timeout(60_000);
  let t: TestBackend;
  before(async () => {
    t = await startTestBackend({ memoryLimit: { bytesPerGiB: 200 * MIB, pollMs: 100 } });
  });
  after(() => t.stop());

  it('kills a process that allocates past the limit with 137, says so in the session log, and the sandbox stays usable', async () => {
    const sandbox = await t.daytona.create();
    assert.equal(sandbox.memory, 1);
    await sandbox.process.createSession('hog');
    const run = await sandbox.process.executeSessionCommand('hog', { command: HOG }, 30);
    assert.equal(run.exitCode, 137);
    const logs = await sandbox.process.getSessionCommandLogs('hog', run.cmdId ?? '');
    assert.match(logs.stderr ?? '', /Killed\s+node -e/);
    const after = await sandbox.process.executeCommand('echo still here');
    assert.equal(after.exitCode, 0);
    assert.equal(after.result.trim(), 'still here');
    await sandbox.refreshData();
    assert.equal(sandbox.state, 'started');
    // A plain command (process/execute) is held to the same limit.
    const direct = await sandbox.process.executeCommand(HOG, undefined, undefined, 30);
    assert.equal(direct.exitCode, 137);
    await sandbox.delete();
  });

  it('leaves a process under the limit alone', async () => {
    const sandbox = await t.daytona.create();
    const calm = await sandbox.process.executeCommand(`node -e "const b = Buffer.alloc(60 * 1024 * 1024, 1); setTimeout(() => console.log('done', b.length), 1500)"`, undefined, undefined, 30);
    assert.equal(calm.exitCode, 0, calm.result);
    assert.match(calm.result, /done 62914560/);
    await sandbox.delete();
  });

  it('counts the whole process tree, not only its root', async () => {
    const sandbox = await t.daytona.create();
    // Three children of 80 MiB each: none is over 200 MiB alone, together they are.
    const child = `node -e 'const b = Buffer.alloc(80 * 1024 * 1024, 1); setTimeout(() => console.log(b.length), 4000)'`;
    const tree = await sandbox.process.executeCommand(`${child} & ${child} & ${child} & wait; echo "waited $?"`, undefined, undefined, 30);
    assert.ok(!/(83886080[\s\S]*){3}/.test(tree.result), `all three children survived: ${tree.result}`);
    await sandbox.delete();
  });
});
