import * as assert from 'node:assert/strict';
import { portAttributes } from '../../../src/core/ports/portAttributes';
import { PortWatch, type PortWatchTimers } from '../../../src/core/ports/portWatch';

/** Timers the test steps by hand: nothing waits on the clock. */
function manualTimers(): PortWatchTimers & { callbacks: (() => void)[]; cleared: boolean } {
  const timers = {
    callbacks: [] as (() => void)[],
    cleared: false,
    set: (callback: () => void): unknown => timers.callbacks.push(callback),
    clear: (): void => {
      timers.cleared = true;
    },
  };
  return timers;
}

describe('port attributes (forge.ports, devcontainer portsAttributes)', () => {
  it('takes label and onAutoForward from the first source that sets them; a port beats a range', () => {
    const settings = { '8080': { label: 'API' }, '9000-9100': { onAutoForward: 'ignore' } };
    const devcontainer = { '8080': { label: 'Backend', onAutoForward: 'openPreview' }, '9050': { label: 'Metrics', onAutoForward: 'silent' } };
    assert.deepEqual(portAttributes(8080, [settings, devcontainer]), { label: 'API', onAutoForward: 'openPreview' });
    assert.deepEqual(portAttributes(9050, [settings, devcontainer]), { label: 'Metrics', onAutoForward: 'ignore' });
    assert.deepEqual(portAttributes(9000, [{ '9000-9100': { onAutoForward: 'silent' }, '9000': { onAutoForward: 'openBrowserOnce' } }]), { onAutoForward: 'openBrowser' });
  });

  it('defaults to notify and skips malformed values', () => {
    assert.deepEqual(portAttributes(3001, [undefined, {}]), { onAutoForward: 'notify' });
    assert.deepEqual(portAttributes(3001, [{ '3001': { label: 42, onAutoForward: 'explode' } }, { "3001": { label: "  " } }]), { onAutoForward: 'notify' });
    assert.deepEqual(portAttributes(3001, [{ 'abc-3001': { label: 'x' }, '3000-': { label: 'y' } }]), { onAutoForward: 'notify' });
  });
});

describe('port watch', () => {
  it('takes the first list as the baseline, then reports each newly opened port once', async () => {
    const timers = manualTimers();
    let listing: number[] = [5173, 4000];
    const changes: { ports: readonly number[]; opened: readonly number[] }[] = [];
    const watch = new PortWatch({ list: () => Promise.resolve(listing), onChange: (ports, opened) => changes.push({ ports, opened }), timers });
    await watch.tick();
    assert.deepEqual(changes, [{ ports: [4000, 5173], opened: [] }]);
    await watch.tick();
    assert.equal(changes.length, 1, 'an unchanged list is no change');
    listing = [5173, 8080, 4000];
    await watch.tick();
    assert.deepEqual(changes[1], { ports: [4000, 5173, 8080], opened: [8080] });
    listing = [5173, 4000];
    await watch.tick();
    listing = [5173, 4000, 8080];
    await watch.tick();
    assert.deepEqual(changes.slice(2), [{ ports: [4000, 5173], opened: [] }, { ports: [4000, 5173, 8080], opened: [] }], 'a port that comes back is not new again');
    assert.equal(timers.callbacks.length, 1);
    watch.dispose();
    assert.ok(timers.cleared);
  });

  it('reports a failed list and keeps the last ports; a disposed watch reports nothing', async () => {
    const timers = manualTimers();
    let fail = false;
    const errors: unknown[] = [];
    const changes: number[][] = [];
    const watch = new PortWatch({ list: () => (fail ? Promise.reject(new Error("sandbox stopped")) : Promise.resolve([3000])), onChange: (p) => changes.push([...p]), onError: (e) => errors.push(e), timers });
    await watch.tick();
    fail = true;
    await watch.tick();
    assert.equal(errors.length, 1);
    assert.deepEqual(watch.ports, [3000]);
    watch.dispose();
    fail = false;
    await watch.tick();
    assert.deepEqual(changes, [[3000]]);
  });
});
