import type * as vscode from 'vscode';

/** "Forge: Show Logs": the Forge output channel. */
export function showForgeLogsCommand(logger: { readonly channel: vscode.LogOutputChannel }): void {
  logger.channel.show();
}
