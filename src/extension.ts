import * as vscode from 'vscode';
import { createLogger } from './vscode/logger';
import { registerCommands } from './vscode/commands';

// activate() stays short: the logger first, then one register…() per area. The Daytona SDK is not loaded
// here; the engine bundle is required on first use.
export function activate(context: vscode.ExtensionContext): void {
  const logger = createLogger(context);
  try {
    registerCommands(context, logger);
  } catch (error) {
    logger.error(error instanceof Error ? error : String(error));
    void vscode.window.showErrorMessage(`Forge could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function deactivate(): void {
  // Disposables in context.subscriptions are released by VS Code.
}
