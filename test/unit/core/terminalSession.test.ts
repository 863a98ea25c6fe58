// The terminal session logic (shared by the VS Code Pseudoterminal and `forge terminal`) against the local
// backend through the real SDK: output, input before the shell is up, exit, a dropped connection and reconnect
// (to the same shell, or a new one when it is gone), and close ending the PTY.
import { strict as assert } from 'node:assert';
import type { Sandbox } from '@daytonaio/sdk';
import { TerminalSession, type TerminalEvents } from '../../../src/core/terminal/terminalSession';
import { eventually, startTestBackend, type TestBackend } from '../local/helpers';

interface Recorded extends TerminalEvents {
  text: string;
  exits: (number | undefined)[];
  drops: string[];
}

function recorder(): Recorded {
  const r: Recorded = {
    text: '',
    exits: [],
    drops: [],
    output: (t) => void (r.text += t),
    exited: (code) => void r.exits.push(code),
    dropped: (reason) => void r.drops.push(reason),
  };
  return r;
}

describe('core: terminal session', function () {
  this.timeout(30_000);
  let t: TestBackend;
  let sandbox: Sandbox;

  before(async () => {
    t = await startTestBackend();
    sandbox = await t.daytona.create({ envVars: { SANDBOX_VAR: 'from-sandbox' } });
    await sandbox.fs.createFolder('/home/daytona/app', '755');
  });
  after(async () => {
    await t?.stop();
  });

  it('opens in the app folder with the given env, takes input typed before it is up, and reports the exit code', async () => {
    const r = recorder();
    const session = new TerminalSession({ process: sandbox.process, cwd: '/home/daytona/app', envs: { PORT: '3000' } }, r);
    const opening = session.open(100, 30);
    session.input('echo "dir=$(basename $PWD) port=$PORT var=$SANDBOX_VAR"; exit 3\n');
    await opening;
    await eventually(() => r.exits.length === 1, 'the shell to exit');
    assert.match(r.text, /dir=app port=3000 var=from-sandbox/);
    assert.deepEqual([r.exits, r.drops, session.state], [[3], [], 'exited']);
  });

  it('a dropped connection is a drop, not an exit; reconnect reattaches to the same shell', async () => {
    const r = recorder();
    const session = new TerminalSession({ process: sandbox.process }, r);
    t.backend.faults.add({ path: '/process/pty/create-connect$', effect: { kind: 'dropWebSocket', afterMs: 300 } });
    await session.open(80, 24);
    session.input('export KEPT=$((6*7))\n');
    await eventually(() => r.drops.length === 1, 'the drop to be reported');
    assert.deepEqual([r.exits, session.state], [[], 'dropped']);
    assert.ok((await sandbox.process.listPtySessions()).some((s) => s.id === session.ptyId && s.active), 'the shell lives on after the drop');
    assert.equal(await session.reconnect(), 'reattached');
    session.input('echo kept=$KEPT\n');
    await eventually(() => r.text.includes('kept=42'), 'the same shell to answer');
    await session.close();
    await eventually(async () => !(await sandbox.process.listPtySessions()).some((s) => s.id === session.ptyId), 'close to end the PTY');
    assert.deepEqual(r.exits, []);
  });

  it('reconnect starts a new shell when the old one is gone', async () => {
    const r = recorder();
    const session = new TerminalSession({ process: sandbox.process }, r);
    t.backend.faults.add({ path: '/process/pty/create-connect$', effect: { kind: 'dropWebSocket', afterMs: 200 } });
    await session.open(80, 24);
    await eventually(() => r.drops.length === 1, 'the drop');
    const old = session.ptyId;
    await sandbox.process.killPtySession(old);
    assert.equal(await session.reconnect(), 'new-shell');
    assert.notEqual(session.ptyId, old);
    session.input('echo fresh-$((1+1))\n');
    await eventually(() => r.text.includes('fresh-2'), 'the new shell to answer');
    await session.close();
  });

  it('several terminals on one sandbox are separate shells', async () => {
    const a = recorder();
    const b = recorder();
    const first = new TerminalSession({ process: sandbox.process }, a);
    const second = new TerminalSession({ process: sandbox.process }, b);
    await Promise.all([first.open(80, 24), second.open(80, 24)]);
    first.input('echo first-$((1))\n');
    second.input('echo second-$((2))\n');
    await eventually(() => a.text.includes('first-1') && b.text.includes('second-2'), 'both to answer');
    assert.ok(!a.text.includes('second-2') && !b.text.includes('first-1'));
    await Promise.all([first.close(), second.close()]);
  });
});
