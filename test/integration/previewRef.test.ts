import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/vscode/commands/ids';
import { git } from '../support/git';
import { setUpPreviewWorkspace, type PreviewWorkspace } from './support/previewWorkspace';

const TOKEN = 'ghp_forgeIntegrationToken0123456789abcdef';

// "Forge: Preview Branch or Pull Request…" lists what origin has: a branch and a pull request head pushed to a
// public repository on the test git server (ls-remote on this machine needs no credentials then).
describe('Forge: Preview Branch or Pull Request…', function () {
  this.timeout(120_000);
  let workspace: PreviewWorkspace;
  let dir: string;
  let originalOrigin: string;

  before(async () => {
    workspace = await setUpPreviewWorkspace({ token: TOKEN, slug: 'acme/refs-private' });
    dir = workspace.folder.uri.fsPath;
    originalOrigin = await git(dir, ['remote', 'get-url', 'origin']);
    const url = await workspace.server.createRepo('acme/refs-public', undefined, { public: true });
    const auth = workspace.server.authArgs();
    await git(dir, [...auth, 'push', '-q', url, 'HEAD:refs/heads/main', 'HEAD:refs/heads/feature-x', 'HEAD:refs/pull/7/head']);
    await git(dir, ['remote', 'set-url', 'origin', url]);
  });

  after(async () => {
    await git(dir, ['remote', 'set-url', 'origin', originalOrigin]);
    await workspace.dispose();
  });

  it('offers the branch feature-x and pull request #7 in its quick pick', async () => {
    const window = vscode.window as unknown as Record<string, unknown>;
    const original = window['showQuickPick'];
    let offered: string[] | undefined;
    window['showQuickPick'] = (items: unknown) => {
      offered = (items as { label: string; description?: string }[]).map((i) => `${i.label} ${i.description ?? ''}`);
      return Promise.resolve(undefined);
    };
    assert.notEqual(window['showQuickPick'], original, 'vscode.window.showQuickPick cannot be replaced in this host');
    try {
      // Picking nothing cancels quietly.
      await vscode.commands.executeCommand(CommandIds.previewRef);
    } finally {
      window['showQuickPick'] = original;
    }
    assert.ok(offered, 'the command showed no quick pick');
    assert.ok(offered.some((l) => l.includes('feature-x')), offered.join('\n'));
    assert.ok(offered.some((l) => l.includes('#7') && l.includes('pull/7')), offered.join('\n'));
    assert.ok(offered.some((l) => /\bmain\b.*default/.test(l)), offered.join('\n'));
  });
});
