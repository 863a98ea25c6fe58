import * as assert from 'node:assert/strict';
import { Disposable, toDisposable } from '../../../../src/vscode/lifecycle/disposable';

class Owner extends Disposable {
  register(name: string, log: string[], fail = false): void {
    this._register(toDisposable(() => {
      log.push(name);
      if (fail) throw new Error(`${name} failed`);
    }));
  }

  get isGone(): boolean {
    return this.disposed;
  }
}

describe('Disposable (the VS Code layer lifecycle base)', () => {
  it('disposes what it registered once, newest first', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.register('listener', log);
    owner.register('emitter', log);
    assert.equal(owner.isGone, false);
    owner.dispose();
    owner.dispose();
    assert.deepEqual(log, ['emitter', 'listener']);
    assert.equal(owner.isGone, true);
  });

  it('disposes at once what is registered after dispose()', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.dispose();
    owner.register('late', log);
    assert.deepEqual(log, ['late']);
  });

  it('disposes the rest when one throws, then reports the failure', () => {
    const log: string[] = [];
    const owner = new Owner();
    owner.register('a', log);
    owner.register('b', log, true);
    owner.register('c', log);
    assert.throws(() => owner.dispose(), /b failed/);
    assert.deepEqual(log, ['c', 'b', 'a']);
  });

  it('reports several failures together', () => {
    const owner = new Owner();
    owner.register('a', [], true);
    owner.register('b', [], true);
    assert.throws(() => owner.dispose(), (error: unknown) => error instanceof AggregateError && error.errors.length === 2);
  });
});
