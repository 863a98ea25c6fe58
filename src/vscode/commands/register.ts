import * as vscode from 'vscode';
import { ForgeError, isCancellation, type Logger } from '../../core/types';
import type { CommandId } from './ids';

/**
 * Registers a command through one wrapper: failures are logged with their stack and shown to the user as a
 * message that names the cause and the next step, with a "Show Logs" button. Cancellation is silent.
 */
export function registerCommand(
  context: vscode.ExtensionContext,
  logger: Logger & { readonly channel: vscode.LogOutputChannel },
  id: CommandId,
  handler: (...args: never[]) => unknown,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await (handler as (...a: unknown[]) => unknown)(...args);
      } catch (error) {
        if (isCancellation(error)) {
          logger.info(`${id}: cancelled`);
          return undefined;
        }
        logger.error(error instanceof Error ? error : String(error));
        void showError(error, logger);
        return undefined;
      }
    }),
  );
}

async function showError(error: unknown, logger: { readonly channel: vscode.LogOutputChannel }): Promise<void> {
  const message =
    error instanceof ForgeError
      ? [error.message, error.hint].filter(Boolean).join(' ')
      : `Forge hit an unexpected problem: ${error instanceof Error ? error.message : String(error)}`;
  const choice = await vscode.window.showErrorMessage(message, 'Show Logs');
  if (choice === 'Show Logs') logger.channel.show(true);
}
