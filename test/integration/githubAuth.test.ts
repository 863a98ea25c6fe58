// Forge's own token lookup (src/vscode/githubAuth.ts) against a GitHub provider registered in this VS Code: the
// scopes Forge asks for, the token it gets back, and a silent lookup that resolves to nothing rather than a dialog.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GitHubAuth } from '../../src/vscode/githubAuth';

/** What activate() builds: the real getSession of this VS Code. */
const auth = new GitHubAuth((provider, scopes, options) => vscode.authentication.getSession(provider, [...scopes], options));
const githubToken = (interactive: boolean): Promise<string | undefined> => auth.token(interactive, 'github.com');

interface Recorder {
  readonly asked: (readonly string[] | undefined)[];
  readonly created: number;
  readonly registration: vscode.Disposable;
}

function registerProvider(sessions: vscode.AuthenticationSession[]): Recorder {
  const recorder = { asked: [] as (readonly string[] | undefined)[], created: 0, registration: undefined as unknown as vscode.Disposable };
  const changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  const provider: vscode.AuthenticationProvider = {
    onDidChangeSessions: changed.event,
    getSessions: (scopes) => {
      recorder.asked.push(scopes ? [...scopes] : undefined);
      return Promise.resolve(sessions);
    },
    createSession: () => {
      recorder.created++;
      return Promise.reject(new Error('a silent lookup must not create a session'));
    },
    removeSession: () => Promise.resolve(),
  };
  const registration = vscode.authentication.registerAuthenticationProvider('github', 'GitHub (Forge tests)', provider);
  recorder.registration = vscode.Disposable.from(registration, changed);
  return recorder;
}

describe('GitHub authentication: GitHubAuth.token()', () => {
  let recorder: Recorder | undefined;
  afterEach(() => {
    recorder?.registration.dispose();
  });

  it('asks the github provider for the repo scope and hands back its token', async () => {
    const session = { id: 's', accessToken: 'gho_forge_auth_test_token', account: { id: 'a', label: 'a' }, scopes: ['repo'] };
    recorder = registerProvider([session]);
    assert.equal(await githubToken(false), 'gho_forge_auth_test_token');
    assert.ok(
      recorder.asked.some((scopes) => scopes?.join(' ') === 'repo'),
      JSON.stringify(recorder.asked),
    );
    assert.equal(recorder.created, 0);
  });

  it('resolves to no token, without creating a session, when a silent lookup finds none', async () => {
    recorder = registerProvider([]);
    assert.equal(await githubToken(false), undefined);
    assert.ok(recorder.asked.length > 0, 'the provider was never asked');
    assert.equal(recorder.created, 0);
  });
});
