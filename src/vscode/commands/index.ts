import * as vscode from 'vscode';
import type { Logger } from '../../core/types';
import { CommandIds } from './ids';
import { registerCommand } from './register';

export function registerCommands(context: vscode.ExtensionContext, logger: Logger & { readonly channel: vscode.LogOutputChannel }): void {
  registerCommand(context, logger, CommandIds.showForgeLogs, () => logger.channel.show());
  registerCommand(context, logger, CommandIds.preview, async () => {
    // Placeholder until the pipeline lands (issue 4).
    logger.info('Preview requested');
    await vscode.window.showInformationMessage('Forge: preview is not available yet.');
  });
}
