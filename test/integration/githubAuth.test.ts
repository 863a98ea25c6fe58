import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { registerTestGitHubAuth } from './support/githubAuth';

describe('GitHub authentication in tests', () => {
  let registration: vscode.Disposable | undefined;
  afterEach(() => {
    registration?.dispose();
  });

  it('hands Forge the test token silently, without a consent dialog', async () => {
    registration = registerTestGitHubAuth('gho_forge_test_token');
    const session = await vscode.authentication.getSession('github', ['repo'], { silent: true });
    assert.equal(session?.accessToken, 'gho_forge_test_token');
  });
});
