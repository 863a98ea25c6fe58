// Stopping: stopAll (via sandbox.stop) and dispose end every process a sandbox started, children and
// escaped sessions included, and close log streams; the log-socket fault hook drops a stream mid-way.
import { strict as assert } from 'node:assert';
import { eventually } from '../helpers';
import { RUNNER_MODES, skipWithoutBwrap } from './support/isolation';
import { processesMatching, uniqueSleep } from './support/processes';
import { startSandbox, type SandboxFixture } from './support/sandboxFixture';

for (const mode of RUNNER_MODES) {
  describe(`local toolbox: stopping processes (${mode.label})`, () => {
    let f: SandboxFixture | undefined;

    beforeEach(function () {
      skipWithoutBwrap(this, mode.isolate);
    });
    afterEach(async () => {
      await f?.stop();
      f = undefined;
    });

    it('stopping the sandbox ends an async command, its children and a child that left the group, and closes its log stream', async () => {
      f = await startSandbox({ isolate: mode.isolate });
      const { sandbox } = f;
      await sandbox.process.createSession('dev');
      // Like `npm run dev`: a parent, a child server, and one child that started its own session.
      const m = uniqueSleep();
      const cmd = await sandbox.process.executeSessionCommand('dev', { command: `echo up; setsid ${m}1 & ${m}2 & ${m}3; wait`, runAsync: true });
      await eventually(() => processesMatching(m).length === 3, 'the three sleeps to start');
      let streamed = '';
      const following = sandbox.process.getSessionCommandLogs('dev', cmd.cmdId, (c) => (streamed += c), () => undefined);
      await eventually(() => streamed === 'up\n', 'the first log line');
      await sandbox.stop();
      await following; // the stream ends when the command is stopped
      assert.deepEqual(processesMatching(m), []);
    });

    it('dispose (backend close) leaves no process behind', async () => {
      f = await startSandbox({ isolate: mode.isolate });
      const other = await f.another();
      const m = uniqueSleep();
      for (const sandbox of [f.sandbox, other.sandbox]) {
        await sandbox.process.createSession('s');
        await sandbox.process.executeSessionCommand('s', { command: `${m}1 & ${m}2`, runAsync: true });
      }
      await eventually(() => processesMatching(m).length === 4, 'the sleeps to start');
      await f.stop();
      f = undefined;
      assert.deepEqual(processesMatching(m), []);
    });

    it('drops a log WebSocket mid-stream when the fault hook asks for it', async () => {
      f = await startSandbox({ isolate: mode.isolate });
      const { sandbox } = f;
      await sandbox.process.createSession('faulty');
      const cmd = await sandbox.process.executeSessionCommand('faulty', { command: 'printf "0123456789\\n"; sleep 30', runAsync: true });
      await eventually(async () => (await sandbox.process.getSessionCommandLogs('faulty', cmd.cmdId)).stdout !== '', 'output');
      f.t.backend.faults.add({ path: '/logs$', effect: { kind: 'dropWebSocket', afterBytes: 8 } });
      let received = '';
      // The command is still running: only the dropped connection can end this call.
      await sandbox.process.getSessionCommandLogs('faulty', cmd.cmdId, (c) => (received += c), () => undefined).catch(() => undefined);
      assert.equal(received, '01234'); // 8 bytes = the 3-byte marker + 5 characters
      assert.equal((await sandbox.process.getSessionCommand('faulty', cmd.cmdId)).exitCode, undefined);
    });
  });
}
