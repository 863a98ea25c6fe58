import * as vscode from 'vscode';

export interface TestGitHubAuthOptions {
  readonly accountLabel?: string;
  /** Scopes of the session handed out; the default covers what Forge asks for. */
  readonly scopes?: readonly string[];
  /** `github` (default) or `github-enterprise`, which Forge asks for hosts other than github.com. */
  readonly providerId?: 'github' | 'github-enterprise';
}

/**
 * Registers an authentication provider with id `github` whose session carries `token`, in place of the built-in
 * GitHub sign-in (moved out of the cached test install; see test/host/codeServerPatches.ts). Dispose it at the
 * end of the suite.
 */
export function registerTestGitHubAuth(token: string, options: TestGitHubAuthOptions = {}): vscode.Disposable {
  const changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  const session: vscode.AuthenticationSession = {
    id: 'forge-test-session',
    accessToken: token,
    account: { id: 'forge-test', label: options.accountLabel ?? 'forge-test' },
    scopes: options.scopes ?? ['repo', 'read:user'],
  };
  let sessions: vscode.AuthenticationSession[] = [session];
  const provider: vscode.AuthenticationProvider = {
    onDidChangeSessions: changed.event,
    getSessions: () => Promise.resolve(sessions),
    createSession: () => {
      sessions = [session];
      changed.fire({ added: [session], removed: [], changed: [] });
      return Promise.resolve(session);
    },
    removeSession: () => {
      sessions = [];
      changed.fire({ added: [], removed: [session], changed: [] });
      return Promise.resolve();
    },
  };
  const registration = vscode.authentication.registerAuthenticationProvider(options.providerId ?? 'github', 'GitHub (Forge tests)', provider, {
    supportsMultipleAccounts: false,
  });
  return vscode.Disposable.from(registration, changed);
}
