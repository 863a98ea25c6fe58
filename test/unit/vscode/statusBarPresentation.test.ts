import * as assert from 'node:assert/strict';
import { CommandIds } from '../../../src/vscode/commands/ids';
import { statusBarPresentation } from '../../../src/vscode/statusBarPresentation';

const preview = { sandboxId: 'sbx-123', title: 'acme/shop · main' };

describe('status bar presentation', () => {
  it('spins while starting and opens the preview on click', () => {
    const view = statusBarPresentation(preview, { phase: 'starting', words: 'starting', message: 'Installing dependencies', sync: 'off' });
    assert.equal(view.text, '$(loading~spin) Forge: starting');
    assert.equal(view.command, CommandIds.openPreview);
    assert.match(view.tooltip, /Sandbox: sbx-123/);
    assert.match(view.tooltip, /Installing dependencies/);
  });

  it('shows the sync state of a ready preview', () => {
    assert.equal(statusBarPresentation(preview, { phase: 'ready', words: 'running', sync: 'synced' }).text, '$(globe) Forge: running  $(check) synced');
    assert.equal(statusBarPresentation(preview, { phase: 'ready', words: 'running', sync: 'syncing' }).text, '$(globe) Forge: running  $(sync~spin) syncing');
    assert.equal(statusBarPresentation(preview, { phase: 'ready', words: 'running', sync: 'off' }).text, '$(globe) Forge: running');
  });

  it('offers a resync when out of sync, with a warning background', () => {
    const view = statusBarPresentation(preview, { phase: 'ready', words: 'running', sync: 'out-of-sync' });
    assert.equal(view.text, '$(globe) Forge: running  $(warning) out of sync');
    assert.equal(view.command, CommandIds.resync);
    assert.equal(view.background, 'statusBarItem.warningBackground');
    assert.match(view.tooltip, /Click to resync/);
  });

  it('marks a failed preview with the error background', () => {
    const view = statusBarPresentation(preview, { phase: 'failed', words: 'failed', message: 'Dev server exited (code 1)', sync: 'off' });
    assert.equal(view.text, '$(error) Forge: failed');
    assert.equal(view.background, 'statusBarItem.errorBackground');
    assert.match(view.tooltip, /Dev server exited \(code 1\)/);
  });

  it('says when the dev server is stopped', () => {
    assert.equal(statusBarPresentation(preview, { phase: 'stopped', words: 'stopped', sync: 'off' }).text, '$(debug-stop) Forge: stopped');
  });
});
