// Activity as Daytona's proxy counts it: an open toolbox connection refreshes it at the start and every poll
// interval, unless it sends X-Daytona-Skip-Last-Activity-Update: true. Forge's log socket and health probe send it,
// so an idle VS Code does not keep a sandbox from auto-stopping.
import { strict as assert } from 'node:assert';
import type { Sandbox } from '@daytonaio/sdk';
import WebSocket from 'ws';
import { logSocketTarget, streamLogSocket } from '../../../src/core/logs/logSocket';
import { commandRunning } from '../../../src/core/quietToolbox';
import { eventually, raw, startTestBackend, type TestBackend } from './helpers';

// A minute of 200 ms and an activity poll of 50 ms: an open connection refreshes four times a "minute".
const TIMING = { minuteMs: 200, tickMs: 10, activityPollMs: 50 };
/** How long "stays awake" is watched: five auto-stop intervals (a bounded wait, not a timing assertion). */
const WATCH_MS = 1_000;

describe('activity refreshed by open connections (Daytona v0.190 get_sandbox_target.go)', function () {
  this.timeout(30_000);
  let t: TestBackend;
  beforeEach(async () => {
    t = await startTestBackend({ timing: TIMING });
  });
  afterEach(() => t.stop());

  const followed = async (): Promise<{ sandbox: Sandbox; sessionId: string; commandId: string }> => {
    const sandbox = await t.daytona.create({ autoStopInterval: 1 });
    const sessionId = 'long';
    await sandbox.process.createSession(sessionId);
    const run = await sandbox.process.executeSessionCommand(sessionId, { command: 'while true; do echo tick; sleep 0.05; done', runAsync: true });
    return { sandbox, sessionId, commandId: run.cmdId ?? '' };
  };
  const state = async (id: string): Promise<string> => (await raw(t.backend, 'GET', `/api/sandbox/${id}`)).json<{ state: string }>().state;

  it('keeps a sandbox awake while a toolbox WebSocket stays open, and lets it stop once it closes', async () => {
    const { sandbox, sessionId, commandId } = await followed();
    const target = logSocketTarget(sandbox, sessionId, commandId);
    assert.ok(target);
    const { 'X-Daytona-Skip-Last-Activity-Update': _skip, ...counted } = target.headers;
    const socket = new WebSocket(target.url, { headers: counted });
    await new Promise((done, fail) => socket.once('open', done).once('error', fail));
    await new Promise((done) => setTimeout(done, WATCH_MS));
    assert.equal(await state(sandbox.id), 'started', 'the open socket refreshed the activity');
    socket.close();
    await eventually(async () => (await state(sandbox.id)) === 'stopped', 'auto-stop after the socket closed');
  });

  it("Forge's log socket sends the skip header: the sandbox auto-stops while Forge follows its logs", async () => {
    const { sandbox, sessionId, commandId } = await followed();
    const target = logSocketTarget(sandbox, sessionId, commandId);
    assert.ok(target);
    let text = '';
    const following = streamLogSocket(target, (chunk) => (text += chunk), new AbortController().signal);
    await eventually(() => text.includes('tick'), 'log lines');
    await eventually(async () => (await state(sandbox.id)) === 'stopped', 'auto-stop while the log socket is open');
    await following; // the stop ends the command and closes the socket
  });

  it("Forge's health check reads the dev server's command without refreshing the activity", async () => {
    const { sandbox, sessionId, commandId } = await followed();
    const deadline = Date.now() + WATCH_MS * 5;
    let stopped = false;
    while (!stopped && Date.now() < deadline) {
      await commandRunning(sandbox, sessionId, commandId);
      stopped = (await state(sandbox.id)) === 'stopped';
      await new Promise((done) => setTimeout(done, 20));
    }
    assert.ok(stopped, 'checks every 20 ms did not keep the sandbox awake');
  });
});
