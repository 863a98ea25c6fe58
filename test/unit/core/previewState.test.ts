import * as assert from 'node:assert/strict';
import { allows, PreviewStateMachine, stateSentence, stateWords, transition, type PreviewState } from '../../../src/core/preview/previewState';
import { untilReady } from '../../../src/core/preview/untilReady';
import { ForgeError } from '../../../src/common/errors';

describe('preview state machine', () => {
  it('becomes ready only when the port of the current attempt answered', () => {
    const seen: string[] = [];
    const machine = new PreviewStateMachine((s) => seen.push(s.kind));
    assert.equal(machine.state.kind, 'setting-up');
    const first = 1;
    machine.apply({ type: 'answered', attempt: first, detail: 'Vite on port 5173' });
    assert.deepEqual(machine.state, { kind: 'ready', detail: 'Vite on port 5173' });
    const restart = machine.begin({ type: 'restart', detail: 'Restarting the dev server' });
    assert.equal(machine.state.kind, 'restarting');
    // A late answer of the first attempt does not count for the restart.
    machine.apply({ type: 'answered', attempt: first });
    assert.equal(machine.state.kind, 'restarting');
    machine.apply({ type: 'answered', attempt: restart });
    assert.equal(machine.state.kind, 'ready');
    assert.deepEqual(seen, ['ready', 'restarting', 'ready']);
  });

  it('ignores the old dev server exiting while it is replaced, but not once ready', () => {
    const machine = new PreviewStateMachine();
    const attempt = machine.begin({ type: 'restart', detail: 'Restarting' });
    machine.apply({ type: 'exited', reason: 'exited' });
    assert.equal(machine.state.kind, 'restarting');
    machine.apply({ type: 'answered', attempt });
    machine.apply({ type: 'exited', reason: 'the dev server exited' });
    assert.deepEqual(machine.state, { kind: 'stopped', reason: 'the dev server exited' });
  });

  it('goes stopped → starting → ready after a start', () => {
    const machine = new PreviewStateMachine();
    machine.apply({ type: 'stopped', reason: 'the sandbox was stopped' });
    assert.equal(stateWords(machine.state), 'stopped');
    const attempt = machine.begin({ type: 'start', detail: 'Starting the dev server again' });
    assert.equal(machine.state.kind, 'starting');
    assert.match(stateSentence(machine.state, 3000), /waiting for the dev server to answer on port 3000/);
    machine.apply({ type: 'answered', attempt });
    assert.equal(stateWords(machine.state), 'running');
  });

  it('stays deleted until a new preview is set up', () => {
    const deleted: PreviewState = { kind: 'deleted' };
    for (const event of [{ type: 'restart', detail: 'x' }, { type: 'start', detail: 'x' }, { type: 'answered', attempt: 1 }, { type: 'stopped', reason: 'x' }, { type: 'failed', cause: 'x' }] as const) {
      assert.equal(transition(deleted, event, 9), deleted, event.type);
    }
    assert.deepEqual(transition(deleted, { type: 'setup' }, 9), { kind: 'setting-up', attempt: 9 });
    assert.equal(stateSentence(deleted), 'This sandbox was deleted.');
  });

  it('keeps a failure with its cause, but not the failure of an older attempt', () => {
    const machine = new PreviewStateMachine();
    const old = machine.begin({ type: 'restart', detail: 'Restarting' });
    const current = machine.begin({ type: 'restart', detail: 'Restarting again' });
    machine.apply({ type: 'failed', attempt: old, cause: 'old failure' });
    assert.equal(machine.state.kind, 'restarting');
    machine.apply({ type: 'failed', attempt: current, cause: 'The dev server did not answer on port 5173 within 90 seconds.' });
    assert.deepEqual(machine.state, { kind: 'failed', cause: 'The dev server did not answer on port 5173 within 90 seconds.' });
    assert.ok(allows(machine.state, 'restart'));
    assert.ok(!allows(machine.state, 'open-link'));
  });

  it('passes progress only to waiting states', () => {
    const ready: PreviewState = { kind: 'ready' };
    assert.equal(transition(ready, { type: 'progress', detail: 'Installing' }, 2), ready);
    assert.deepEqual(transition({ kind: 'restarting', attempt: 2, detail: 'Pulling' }, { type: 'progress', detail: 'Installing' }, 3), { kind: 'restarting', attempt: 2, detail: 'Installing' });
  });
});

describe('untilReady', () => {
  it('is ready only after the wait for the answer resolved', async () => {
    const machine = new PreviewStateMachine();
    machine.apply({ type: 'answered', attempt: 1 });
    const order: string[] = [];
    await untilReady(machine, { type: 'restart', detail: 'Restarting' }, {
      work: (progress) => {
        order.push(`work:${machine.state.kind}`);
        progress('Installing dependencies');
        return Promise.resolve();
      },
      waitForAnswer: () => {
        order.push(`wait:${machine.state.kind}:${'detail' in machine.state ? String(machine.state.detail) : ''}`);
        return Promise.resolve();
      },
      readyDetail: 'Node on port 3000',
    });
    assert.deepEqual(order, ['work:restarting', 'wait:restarting:Installing dependencies']);
    assert.deepEqual(machine.state, { kind: 'ready', detail: 'Node on port 3000' });
  });

  it('fails with the cause and its hint when the port never answers, and rethrows', async () => {
    const machine = new PreviewStateMachine();
    const error = new ForgeError('port-never-opened', 'The dev server did not answer on port 3000 within 5 seconds.', { hint: 'Check forge.port.' });
    await assert.rejects(untilReady(machine, { type: 'start', detail: 'Starting' }, { work: () => Promise.resolve(), waitForAnswer: () => Promise.reject(error) }), error);
    assert.deepEqual(machine.state, { kind: 'failed', cause: 'The dev server did not answer on port 3000 within 5 seconds. Check forge.port.' });
  });

  it('leaves the state to a newer action that began meanwhile', async () => {
    const machine = new PreviewStateMachine();
    let release: () => void = () => undefined;
    const first = untilReady(machine, { type: 'restart', detail: 'First' }, { work: () => new Promise<void>((r) => (release = r)), waitForAnswer: () => Promise.resolve() });
    machine.begin({ type: 'restart', detail: 'Second' });
    release();
    await first;
    assert.deepEqual(machine.state, { kind: 'restarting', attempt: 3, detail: 'Second' });
  });
});
