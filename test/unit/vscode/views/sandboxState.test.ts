import * as assert from 'node:assert/strict';
import { categorize, isTransitional, stateIcon, stateText } from '../../../../src/vscode/views/sandboxState';

describe('sandbox state mapping', () => {
  it('puts every Daytona state in a category', () => {
    assert.equal(categorize('started'), 'started');
    assert.equal(categorize('stopped'), 'stopped');
    assert.equal(categorize('archived'), 'archived');
    for (const state of ['creating', 'restoring', 'destroying', 'starting', 'stopping', 'pulling_snapshot', 'archiving', 'pending_build', 'building_snapshot', 'resizing']) {
      assert.equal(categorize(state), 'transitional', state);
      assert.equal(isTransitional(state), true, state);
    }
    assert.equal(categorize('error'), 'error');
    assert.equal(categorize('build_failed'), 'error');
    assert.equal(categorize('paused'), 'other');
    assert.equal(categorize('unknown'), 'other');
    assert.equal(isTransitional('started'), false);
  });

  it('picks an icon per state', () => {
    assert.deepEqual(stateIcon('started'), { id: 'vm-running', color: 'charts.green' });
    assert.deepEqual(stateIcon('stopped'), { id: 'vm-outline' });
    assert.deepEqual(stateIcon('archived'), { id: 'archive' });
    assert.deepEqual(stateIcon('stopping'), { id: 'loading~spin' });
    assert.deepEqual(stateIcon('error'), { id: 'error', color: 'list.errorForeground' });
    assert.equal(stateIcon('paused').id, 'debug-pause');
  });

  it('writes states as words', () => {
    assert.equal(stateText('pulling_snapshot'), 'pulling snapshot');
    assert.equal(stateText('started'), 'started');
  });
});
