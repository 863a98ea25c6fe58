import * as vscode from 'vscode';

const SCOPES = ['repo'];

/** `vscode.authentication.getSession`, injected so that what asks for a token is given one, never imports one. */
export type GetSession = (providerId: string, scopes: readonly string[], options: vscode.AuthenticationGetSessionOptions) => Thenable<vscode.AuthenticationSession | undefined>;

/**
 * The GitHub token from VS Code's built-in authentication: the `github` provider for github.com, the
 * `github-enterprise` provider for any other host (refused when `github-enterprise.uri` names another
 * server, so one server's token never goes to another; a github.com token never goes to an enterprise host). Silent
 * unless `interactive`, which only a user's command passes. Nothing is cached: every call asks VS Code, so a sign-out
 * or account switch counts at once. Every caller names the host the token is for: there is no default.
 */
export class GitHubAuth {
  constructor(private readonly getSession: GetSession) {}

  async token(interactive: boolean, githubHost: string): Promise<string | undefined> {
    const provider = providerFor(githubHost);
    if (provider === undefined) return undefined;
    try {
      const session = await this.getSession(provider, SCOPES, interactive ? { createIfNone: true } : { silent: true });
      return session?.accessToken;
    } catch {
      // No provider, or the user dismissed the sign-in: the clone goes on without a token.
      return undefined;
    }
  }
}

/** `github`, `github-enterprise`, or undefined when VS Code's enterprise sign-in points at another server. */
export function providerFor(githubHost: string): 'github' | 'github-enterprise' | undefined {
  const host = hostOf(githubHost);
  if (host === 'github.com') return 'github';
  const enterprise = hostOf(vscode.workspace.getConfiguration('github-enterprise').get<string>('uri', ''));
  return host !== undefined && (enterprise === undefined || enterprise === host) ? 'github-enterprise' : undefined;
}

function hostOf(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  try {
    return new URL(trimmed.includes('://') ? trimmed : `https://${trimmed}`).host.toLowerCase();
  } catch {
    return undefined;
  }
}
