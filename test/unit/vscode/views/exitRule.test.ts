import * as assert from 'node:assert/strict';
import { sandboxesToStop } from '../../../../src/vscode/views/exitRule';
import { forgeSandbox, foreignSandbox } from './sandboxFixtures';

describe('stop on exit: which sandboxes', () => {
  const stopOnClose = { 'forge.managed': 'true', 'forge.repo': 'acme/shop', 'forge.branch': 'x', 'forge.stopOnClose': 'true' };

  it('stops the current preview and running sandboxes of its repository labelled to stop on close', () => {
    const current = forgeSandbox({ id: 'current' });
    const labelled = forgeSandbox({ id: 'labelled', labels: stopOnClose });
    const labelledStopped = forgeSandbox({ id: 'labelled-stopped', state: 'stopped', labels: stopOnClose });
    const unlabelled = forgeSandbox({ id: 'kept' });
    const otherRepo = forgeSandbox({ id: 'other-repo', repo: 'acme/blog', labels: { ...stopOnClose, 'forge.repo': 'acme/blog' } });
    const foreign = foreignSandbox({ id: 'foreign', labels: { 'forge.stopOnClose': 'true' } });
    assert.deepEqual(sandboxesToStop([current, labelled, labelledStopped, unlabelled, otherRepo, foreign], 'current'), ['current', 'labelled']);
  });

  it('stops nothing without a preview in this window, and leaves a stopped current sandbox alone', () => {
    const labelled = forgeSandbox({ id: 'labelled', labels: stopOnClose });
    assert.deepEqual(sandboxesToStop([labelled], undefined), []);
    assert.deepEqual(sandboxesToStop([forgeSandbox({ id: 'c', state: 'stopped' })], 'c'), []);
  });

  it('stops the current preview even when the view never listed it', () => {
    assert.deepEqual(sandboxesToStop([], 'current'), ['current']);
  });
});
