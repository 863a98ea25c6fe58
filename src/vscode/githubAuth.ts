import * as vscode from 'vscode';

const SCOPES = ['repo'];

/**
 * The GitHub token from VS Code's built-in GitHub authentication. Silent unless `interactive`, which only a
 * user's command passes; the token is handed straight to the clone call and never stored or logged by Forge.
 */
export async function githubToken(interactive: boolean): Promise<string | undefined> {
  try {
    const session = await vscode.authentication.getSession('github', SCOPES, interactive ? { createIfNone: true } : { silent: true });
    return session?.accessToken;
  } catch {
    // No provider, or the user dismissed the sign-in: the clone goes on without a token.
    return undefined;
  }
}
