import * as assert from 'node:assert/strict';
import { presentSandbox, refText } from '../../../../src/vscode/views/sandboxPresentation';
import { forgeSandbox } from './sandboxFixtures';

const NOW = Date.parse('2026-01-01T12:00:00.000Z');

describe('sandbox presentation of branch / pull request previews', () => {
  it('says which branch, pull request or commit a sandbox runs, first in its description', () => {
    const labels = { 'forge.managed': 'true', 'forge.repo': 'acme/shop', 'forge.branch': 'pull/7', 'forge.ref': 'pull/7' };
    const p = presentSandbox(forgeSandbox({ branch: 'pull/7', labels }), { isCurrent: false, now: NOW });
    assert.equal(p.label, 'acme/shop');
    assert.equal(p.description, 'pull request #7 · running');
    assert.equal(refText({ 'forge.ref': 'feature-x' }), 'branch feature-x');
    assert.equal(refText({ 'forge.ref': '0123456789ab' }), 'commit 0123456');
    assert.equal(refText({}), undefined);
  });
});
