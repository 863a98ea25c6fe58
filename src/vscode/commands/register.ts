import * as vscode from 'vscode';
import { ForgeError } from '../../common/errors';
import { isCancellation } from '../../common/cancel';
import type { Logger } from '../../common/logger';
import * as path from 'node:path';
import { readPreviewSettings } from '../config';
import type { GitHubAuth } from '../githubAuth';
import { errorFix, type ErrorFix } from './errorFix';
import { CommandIds, type CommandId } from './ids';

/**
 * Registers a command through one wrapper: failures are shown as a message that names the cause and the next step,
 * with the button that fixes it (errorFix.ts) and "Show Logs". Expected errors (ForgeError) are logged as one line;
 * only unexpected ones with their stack. Cancellation is silent.
 */
export function registerCommand(
  context: Pick<vscode.ExtensionContext, 'subscriptions'>,
  logger: Logger & { readonly channel: vscode.LogOutputChannel },
  id: CommandId,
  handler: (...args: never[]) => unknown,
  auth: GitHubAuth,
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
        if (error instanceof ForgeError) logger.error([error.message, error.hint].filter(Boolean).join(' '));
        else logger.error(error instanceof Error ? error : String(error));
        void showError(error, logger, auth);
        return undefined;
      }
    }),
  );
}

async function showError(error: unknown, logger: { readonly channel: vscode.LogOutputChannel }, auth: GitHubAuth): Promise<void> {
  const message =
    error instanceof ForgeError
      ? [error.message, error.hint].filter(Boolean).join(' ')
      : `Forge hit an unexpected problem: ${error instanceof Error ? error.message : String(error)}`;
  const fix = error instanceof ForgeError ? errorFix(error) : undefined;
  const choice = await vscode.window.showErrorMessage(message, ...(fix ? [fix.label] : []), 'Show Logs');
  if (choice === 'Show Logs') logger.channel.show(true);
  else if (fix && choice === fix.label) await applyFix(fix, auth);
}

async function applyFix(fix: ErrorFix, auth: GitHubAuth): Promise<void> {
  switch (fix.kind) {
    case 'open-setting':
      await vscode.commands.executeCommand('workbench.action.openSettings', fix.setting);
      return;
    case 'set-api-key':
      await vscode.commands.executeCommand(CommandIds.setApiKey);
      return;
    case 'github-sign-in': {
      // The sign-in for the host the folder's previews use (github.com or an enterprise server).
      const folder = vscode.workspace.workspaceFolders?.[0];
      await auth.token(true, folder ? (await readPreviewSettings(folder.uri)).githubHost : 'github.com');
      return;
    }
    case 'open-package-json': {
      const folder = vscode.workspace.workspaceFolders?.[0];
      const uri = fix.path && path.isAbsolute(fix.path) ? vscode.Uri.file(fix.path) : folder ? vscode.Uri.joinPath(folder.uri, fix.path ?? 'package.json') : undefined;
      if (uri) await vscode.window.showTextDocument(uri);
    }
  }
}
