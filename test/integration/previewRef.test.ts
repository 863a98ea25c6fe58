import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/vscode/commands/ids';
import { git } from '../support/git';
import { registerTestGitHubAuth } from './support/githubAuth';
import { setUpPreviewWorkspace, type PreviewWorkspace } from './support/previewWorkspace';

const TOKEN = 'ghp_forgeIntegrationToken0123456789abcdef';
/** The user's github.com token: the configured GitHub host here is another server, which must never see it. */
const GITHUB_COM_TOKEN = 'ghp_forgeGithubDotComToken0123456789abcd';

// "Forge: Preview Branch or Pull Request…" lists what origin has: a branch and a pull request head pushed to a
// public repository on the test git server (ls-remote on this machine needs no credentials then).
describe('Forge: Preview Branch or Pull Request…', function () {
  this.timeout(120_000);
  let workspace: PreviewWorkspace;
  let dir: string;
  let originalOrigin: string;
  let githubCom: vscode.Disposable | undefined;

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
    githubCom?.dispose();
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

  it('asks the configured host\'s own sign-in for the pull request titles: a github.com token never goes to another host', async () => {
    // Signed in to github.com too: a token for the wrong provider would now be at hand.
    githubCom = registerTestGitHubAuth(GITHUB_COM_TOKEN, { providerId: 'github' });
    const window = vscode.window as unknown as Record<string, unknown>;
    const original = window['showQuickPick'];
    window['showQuickPick'] = () => Promise.resolve(undefined);
    const before = workspace.server.requests.length;
    try {
      await vscode.commands.executeCommand(CommandIds.previewRef);
    } finally {
      window['showQuickPick'] = original;
    }
    const api = workspace.server.requests.slice(before).filter((r) => r.url.startsWith('/api/v3/repos/acme/refs-public/pulls'));
    assert.equal(api.length, 1, `one request for the titles: ${JSON.stringify(workspace.server.requests.slice(before).map((r) => r.url))}`);
    assert.notEqual(api[0]?.bearer, GITHUB_COM_TOKEN, 'the github.com token was sent to another host');
    assert.equal(api[0]?.bearer, TOKEN, 'the titles are asked for with the configured host\'s token (github-enterprise)');
    const leaked = workspace.server.requests.filter((r) => r.bearer === GITHUB_COM_TOKEN || r.credentials?.password === GITHUB_COM_TOKEN);
    assert.deepEqual(leaked.map((r) => r.url), []);
  });
});
