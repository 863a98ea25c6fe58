import * as assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TestingApi } from '../../../src/vscode/testing';
import { git } from '../../support/git';
import { startGitServer, type GitServer } from '../../support/gitServer';
import { activateForge } from './forge';
import { registerTestGitHubAuth } from './githubAuth';

/** The open workspace made a clone of a private repository on a test git server, and Forge pointed at it. */
export interface PreviewWorkspace {
  readonly testing: TestingApi;
  readonly folder: vscode.WorkspaceFolder;
  readonly server: GitServer;
  /** The local backend's data directory for this suite. */
  readonly dataDir: string;
  dispose(): Promise<void>;
}

/**
 * Sets up what a preview suite needs: the extension's testing API, a git server requiring `token` holding the
 * workspace as `slug`, a GitHub sign-in that hands out the token, and settings for the local backend.
 */
export async function setUpPreviewWorkspace(options: { readonly token: string; readonly slug: string }): Promise<PreviewWorkspace> {
  const extension = await activateForge();
  const testing = (extension.exports as { testing?: TestingApi }).testing;
  assert.ok(testing, 'the extension must expose its testing API (FORGE_TEST=1)');
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test host must open a workspace folder');
  const server = await startGitServer({ token: options.token });
  // The git server is not github.com, so Forge asks the enterprise provider for its token.
  const auth = registerTestGitHubAuth(options.token, { providerId: 'github-enterprise' });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'forge-it-backend-'));
  const config = vscode.workspace.getConfiguration('forge');
  await config.update('backend', 'local', vscode.ConfigurationTarget.Global);
  await config.update('local.dataDir', dataDir, vscode.ConfigurationTarget.Global);
  await config.update('githubHost', server.baseUrl, vscode.ConfigurationTarget.Global);
  await config.update('readyTimeoutSeconds', 90, vscode.ConfigurationTarget.Global);
  const dir = folder.uri.fsPath;
  const url = await server.createRepo(options.slug);
  await git(dir, [...server.authArgs(), 'push', '-q', url, 'HEAD:refs/heads/main']);
  await git(dir, ['remote', 'remove', 'origin']).catch(() => '');
  await git(dir, ['remote', 'add', 'origin', url]);
  await git(dir, [...server.authArgs(), 'fetch', '-q', url, '+refs/heads/*:refs/remotes/origin/*']);
  await git(dir, ['branch', '-q', '--set-upstream-to=origin/main']);
  return {
    testing,
    folder,
    server,
    dataDir,
    dispose: async () => {
      auth.dispose();
      await server.close();
    },
  };
}

/** Waits until `check` passes; the error says what was seen last. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 20_000, describe: () => string = () => ''): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met in time. ${describe()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
