// The entrypoint session (getEntrypointSession / getEntrypointLogs through the real SDK) and POST /init, in the
// daemon's shapes (daytonaio/daytona v0.190.0 apps/daemon/pkg/toolbox/process/session/*.go, controller.go).
import { strict as assert } from 'node:assert';
import { DaytonaError } from '@daytonaio/sdk';
import { RUNNER_MODES, skipWithoutBwrap } from './support/isolation';
import { startSandbox, type SandboxFixture } from './support/sandboxFixture';

for (const mode of RUNNER_MODES) {
  describe(`local toolbox: entrypoint session (${mode.label})`, function () {
    this.timeout(30_000);
    let f: SandboxFixture;

    before(async function () {
      skipWithoutBwrap(this, mode.isolate);
      f = await startSandbox({ isolate: mode.isolate });
    });
    after(async () => {
      await f?.stop();
    });

    it("is the default snapshot's `sleep infinity`, running, with empty logs, and not among the listed sessions", async () => {
      await f.sandbox.process.createSession('mine');
      // Asked for by its ids first: it exists from the start, as on Daytona.
      const command = await f.sandbox.process.getSessionCommand('entrypoint', 'entrypoint_command');
      assert.deepEqual(command, { id: 'entrypoint_command', command: 'sleep infinity' });
      const session = await f.sandbox.process.getEntrypointSession();
      assert.deepEqual(session, { sessionId: 'entrypoint', commands: [{ id: 'entrypoint_command', command: 'sleep infinity' }] });
      assert.deepEqual(await f.sandbox.process.getEntrypointLogs(), { output: '', stdout: '', stderr: '' });
      assert.deepEqual(
        (await f.sandbox.process.listSessions()).map((s) => s.sessionId),
        ['mine'],
      );
    });

    it('refuses to create, delete, run in or type into the entrypoint session (400, the daemon\'s words)', async () => {
      const refused = async (call: Promise<unknown>, words: RegExp): Promise<void> =>
        assert.rejects(call, (err: unknown) => err instanceof DaytonaError && err.statusCode === 400 && words.test(err.message));
      await refused(f.sandbox.process.createSession('entrypoint'), /reserved and cannot be created/);
      await refused(f.sandbox.process.deleteSession('entrypoint'), /can't delete entrypoint session/);
      await refused(f.sandbox.process.executeSessionCommand('entrypoint', { command: 'echo hi' }), /can't execute command in entrypoint session/);
      await refused(f.sandbox.process.sendSessionCommandInput('entrypoint', 'entrypoint_command', 'x'), /can't send input to entrypoint session/);
    });

    it('follows the entrypoint logs over the WebSocket until the sandbox stops; after a start a follow starts it again', async () => {
      const chunks: string[] = [];
      const following = f.sandbox.process.getEntrypointLogs(
        (s) => void chunks.push(s),
        (s) => void chunks.push(s),
      );
      let settled = false;
      void following.then(() => (settled = true));
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(settled, false, 'the follow should stay open while the entrypoint runs');
      await f.sandbox.stop();
      await following;
      assert.deepEqual(chunks, []);
      await f.sandbox.start();
      // The WebSocket first this time: the entrypoint (and, isolated, the sandbox's network) starts from it.
      let failed: unknown;
      const again = f.sandbox.process.getEntrypointLogs(() => undefined, () => undefined).then(
        () => (failed = 'ended early'),
        (err: unknown) => (failed = err),
      );
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(failed, undefined);
      const session = await f.sandbox.process.getEntrypointSession();
      assert.deepEqual(session.commands, [{ id: 'entrypoint_command', command: 'sleep infinity' }]);
      await f.sandbox.stop();
      await again;
      assert.equal(failed, 'ended early');
    });
  });
}

describe('local toolbox: POST /init', () => {
  let f: SandboxFixture;
  before(async () => {
    f = await startSandbox();
  });
  after(async () => {
    await f?.stop();
  });

  it("answers the daemon's message to a token and 400 without one", async () => {
    const url = `${f.sandbox.toolboxProxyUrl.replace(/\/$/, '')}/${f.sandbox.id}/init`;
    const headers = { Authorization: `Bearer ${f.t.backend.apiKey}`, 'Content-Type': 'application/json' };
    const ok = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ token: 'a-token' }) });
    assert.deepEqual([ok.status, await ok.json()], [200, { message: 'Auth token set and telemetry initialized successfully' }]);
    const missing = await fetch(url, { method: 'POST', headers, body: '{}' });
    assert.equal(missing.status, 400);
    assert.match(await missing.text(), /Token/);
  });
});
