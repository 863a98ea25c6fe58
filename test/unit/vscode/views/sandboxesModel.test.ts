import * as assert from 'node:assert/strict';
import type { SandboxSummary } from '../../../../src/daytona/sandboxes';
import { SandboxesModel, type ListResult, type ModelChange, type Timers } from '../../../../src/vscode/views/sandboxesModel';
import { forgeSandbox, foreignSandbox } from './sandboxFixtures';

/** A fetch whose answers the test releases one by one, counting calls. */
class ScriptedBackend {
  calls = 0;
  private readonly waiting: ((result: ListResult | Error) => void)[] = [];

  readonly fetch = (): Promise<ListResult> => {
    this.calls++;
    return new Promise((resolve, reject) => {
      this.waiting.push((r) => (r instanceof Error ? reject(r) : resolve(r)));
    });
  };

  async answer(result: ListResult | Error): Promise<void> {
    const next = this.waiting.shift();
    assert.ok(next, 'no list call is waiting');
    next(result);
    await flush();
  }

  get pending(): number {
    return this.waiting.length;
  }
}

/** Timers the test fires by hand: the model's polling cadence without real time. */
class ManualTimers implements Timers {
  scheduled: { callback: () => void; ms: number }[] = [];
  set(callback: () => void, ms: number): unknown {
    const entry = { callback, ms };
    this.scheduled.push(entry);
    return entry;
  }
  clear(handle: unknown): void {
    this.scheduled = this.scheduled.filter((e) => e !== handle);
  }
  fire(): void {
    const [entry] = this.scheduled.splice(0, 1);
    assert.ok(entry, 'nothing scheduled');
    entry.callback();
  }
}

const list = (...sandboxes: SandboxSummary[]): ListResult => ({ kind: 'list', sandboxes });
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup(): { backend: ScriptedBackend; timers: ManualTimers; model: SandboxesModel; changes: ModelChange[] } {
  const backend = new ScriptedBackend();
  const timers = new ManualTimers();
  const model = new SandboxesModel({ fetch: backend.fetch, describeError: (e) => (e instanceof Error ? e.message : String(e)), timers, slowPollMs: 30_000, fastPollMs: 2_000 });
  const changes: ModelChange[] = [];
  model.onDidChange((c) => changes.push(c));
  return { backend, timers, model, changes };
}

describe('SandboxesModel', () => {
  it('lists nothing until asked (the view is hidden at activation)', () => {
    const { backend, timers } = setup();
    assert.equal(backend.calls, 0);
    assert.equal(timers.scheduled.length, 0);
  });

  it('coalesces concurrent refreshes into one follow-up list', async () => {
    const { backend, model } = setup();
    const first = model.refresh();
    const a = model.refresh();
    const b = model.refresh();
    const c = model.ensureLoaded();
    assert.equal(backend.calls, 1);
    await backend.answer(list(forgeSandbox()));
    await first;
    assert.equal(backend.calls, 2, 'one follow-up for the three requests made while the first ran');
    await backend.answer(list());
    await Promise.all([a, b, c]);
    assert.equal(backend.calls, 2);
    assert.deepEqual(model.state(), { kind: 'loaded', sandboxes: [] });
  });

  it('polls slowly while visible, fast while a sandbox is transitional, and not at all when hidden', async () => {
    const { backend, timers, model } = setup();
    model.setVisible(true);
    await backend.answer(list(forgeSandbox({ state: 'started' })));
    assert.deepEqual(timers.scheduled.map((t) => t.ms), [30_000]);
    timers.fire();
    await backend.answer(list(forgeSandbox({ state: 'stopping' })));
    assert.deepEqual(timers.scheduled.map((t) => t.ms), [2_000]);
    model.setVisible(false);
    assert.equal(timers.scheduled.length, 0);
    assert.equal(backend.pending, 0);
  });

  it('lists again on invalidate only when visible; when hidden, on the next show', async () => {
    const { backend, model } = setup();
    model.setVisible(true);
    await backend.answer(list());
    model.setVisible(false);
    model.invalidate();
    assert.equal(backend.calls, 1);
    model.setVisible(true);
    assert.equal(backend.calls, 2);
    await backend.answer(list());
    model.setVisible(false);
    model.setVisible(true);
    assert.equal(backend.calls, 2, 'nothing stale: showing again reuses the list');
  });

  it('redraws only the sandbox whose state changed; a disappearing sandbox refreshes the root', async () => {
    const { backend, model, changes } = setup();
    const a = forgeSandbox({ id: 'a', repo: 'acme/a' });
    const b = forgeSandbox({ id: 'b', repo: 'acme/b' });
    void model.refresh();
    await backend.answer(list(a, b));
    changes.length = 0;
    void model.refresh();
    await backend.answer(list(a, { ...b, state: 'stopped' }));
    assert.deepEqual(changes, [{ structural: false, changedIds: ['b'] }]);
    void model.refresh();
    await backend.answer(list(a, { ...b, state: 'stopped' }));
    assert.equal(changes.length, 1, 'an identical list fires nothing');
    void model.refresh();
    await backend.answer(list(a));
    assert.deepEqual(changes[1], { structural: true, changedIds: [] });
    assert.deepEqual(model.sandboxes().map((s) => s.id), ['a']);
  });

  it('shows a pending state while an action runs', async () => {
    const { backend, model, changes } = setup();
    void model.refresh();
    await backend.answer(list(forgeSandbox({ id: 'x' })));
    changes.length = 0;
    model.markPending(['x'], 'stopping');
    assert.equal(model.find('x')?.state, 'stopping');
    model.clearPending(['x']);
    assert.equal(model.find('x')?.state, 'started');
    assert.deepEqual(changes, [
      { structural: false, changedIds: ['x'] },
      { structural: false, changedIds: ['x'] },
    ]);
  });

  it('turns a listing failure into a failed state, and recovers', async () => {
    const { backend, model } = setup();
    void model.refresh();
    await backend.answer(new Error('connect ECONNREFUSED 127.0.0.1:1'));
    assert.deepEqual(model.state(), { kind: 'failed', message: 'connect ECONNREFUSED 127.0.0.1:1' });
    void model.refresh();
    await backend.answer(list());
    assert.equal(model.state().kind, 'loaded');
  });

  it('passes "no API key" through without listing', async () => {
    const { backend, model } = setup();
    void model.refresh();
    await backend.answer({ kind: 'no-api-key' });
    assert.deepEqual(model.state(), { kind: 'no-api-key' });
  });

  it('orders Forge sandboxes first, by label, so a state change never moves a node', async () => {
    const { backend, model } = setup();
    void model.refresh();
    await backend.answer(list(foreignSandbox({ name: 'aaa' }), forgeSandbox({ repo: 'zeta/z', state: 'stopped' }), forgeSandbox({ repo: 'acme/a' })));
    assert.deepEqual(model.sandboxes().map((s) => s.repo ?? s.name), ['acme/a', 'zeta/z', 'aaa']);
  });
});
