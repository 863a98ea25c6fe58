import * as vscode from 'vscode';
import { SECTION } from '../config';
import type { ApiKeyStore } from '../apiKeyStore';

export async function setApiKeyCommand(apiKeys: ApiKeyStore): Promise<void> {
  const key = await vscode.window.showInputBox({
    title: 'Forge: Daytona API Key',
    prompt: 'Paste an API key from the Daytona dashboard (Keys). It is kept in VS Code\'s secret storage.',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim().length < 8 ? 'That is too short to be a Daytona API key.' : undefined),
  });
  if (!key) return;
  await apiKeys.set(key.trim());
  void vscode.window.showInformationMessage('Forge: Daytona API key saved. New previews run in Daytona\'s cloud.');
}

export async function clearApiKeyCommand(apiKeys: ApiKeyStore): Promise<void> {
  await apiKeys.clear();
  void vscode.window.showInformationMessage('Forge: Daytona API key removed.');
}

export async function useLocalBackendCommand(): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update('backend', 'local', vscode.ConfigurationTarget.Global);
  void vscode.window.showInformationMessage('Forge: previews now run on the local backend (no account needed).');
}
