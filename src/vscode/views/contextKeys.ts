import * as vscode from 'vscode';
import type { SandboxApiKeys, SandboxBackends } from './deps';
import type { ModelState } from './sandboxesModel';

/** Context keys the Sandboxes view's welcome content and menus read (see package.json `viewsWelcome`). */
export const ContextKeys = {
  hasApiKey: 'forge.hasApiKey',
  /** `daytona` or `local`: what `forge.backend` resolves to right now. */
  backendKind: 'forge.backendKind',
  /** True once a list came back empty. */
  noSandboxes: 'forge.sandboxes.empty',
} as const;

/** Sets the API key and backend keys. Reads settings and SecretStorage only: never starts a backend. */
export async function updateBackendContext(backends: SandboxBackends, apiKeys: SandboxApiKeys): Promise<void> {
  const [kind, key] = await Promise.all([backends.kind(), apiKeys.get()]);
  await Promise.all([
    vscode.commands.executeCommand('setContext', ContextKeys.hasApiKey, key !== undefined),
    vscode.commands.executeCommand('setContext', ContextKeys.backendKind, kind),
  ]);
}

export async function updateListContext(state: ModelState): Promise<void> {
  await vscode.commands.executeCommand('setContext', ContextKeys.noSandboxes, state.kind === 'loaded' && state.sandboxes.length === 0);
}
