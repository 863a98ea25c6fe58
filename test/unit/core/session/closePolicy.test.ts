import * as assert from 'node:assert/strict';
import type { Sandbox } from '../../../../src/daytona/port';
import { closeSandbox } from '../../../../src/core/session/closePolicy';
import { answers } from '../../../../src/core/session/rePreview';

/** A sandbox that records the lifecycle calls it got. */
function fakeSandbox(state: string): { sandbox: Sandbox; calls: string[] } {
  const calls: string[] = [];
  const sandbox = { state, stop: () => Promise.resolve(void calls.push('stop')), delete: () => Promise.resolve(void calls.push('delete')) } as unknown as Sandbox;
  return { sandbox, calls };
}

describe('Close policy and the fast path health verdict (src/core/session)', () => {
  it('keeps, stops or deletes as asked; a run cancelled before ready stops only a started sandbox', async () => {
    for (const [action, state, wasReady, result, calls] of [
      ['keep', 'started', true, 'kept', []],
      ['stop', 'started', true, 'stopped', ['stop']],
      ['delete', 'stopped', false, 'deleted', ['delete']],
      ['stop', 'stopped', false, 'kept', []],
      ['stop', 'started', false, 'stopped', ['stop']],
    ] as const) {
      const fake = fakeSandbox(state);
      assert.equal(await closeSandbox(fake.sandbox, action, wasReady), result, `${action} ${state} ${wasReady}`);
      assert.deepEqual(fake.calls, calls);
    }
    assert.equal(await closeSandbox(undefined, 'delete'), 'kept');
  });

  it('counts a dev server as answering like the ready step: any status but the proxy\'s 502/503/504, started and running', () => {
    assert.equal(answers({ sandboxState: 'started', devServerRunning: true, httpStatus: 404 }), true);
    assert.equal(answers({ sandboxState: 'started', devServerRunning: true, httpStatus: 502 }), false);
    assert.equal(answers({ sandboxState: 'started', devServerRunning: true }), false);
    assert.equal(answers({ sandboxState: 'started', devServerRunning: false, httpStatus: 200 }), false);
    assert.equal(answers({ sandboxState: 'stopped', devServerRunning: false }), false);
  });
});
