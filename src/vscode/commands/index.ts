import type * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { PreviewManager } from '../previews/previewManager';
import { registerShareCommands } from '../previews/panelTools/registerShareCommands';
import type { ApiKeyStore } from '../secrets';
import { clearApiKeyCommand, setApiKeyCommand, useLocalBackendCommand } from './apiKey';
import { checkHealthCommand } from './checkHealth';
import { CommandIds } from './ids';
import { previewCommand } from './preview';
import { previewRefCommand } from './previewRef';
import { registerCommand } from './register';
import { restartPreviewCommand } from './restartPreview';
import { showFullLogCommand } from './showFullLog';

export interface CommandDeps {
  readonly logger: Logger & { readonly channel: vscode.LogOutputChannel };
  readonly previews: PreviewManager;
  readonly apiKeys: ApiKeyStore;
}

/** The palette commands of the preview itself; the Sandboxes view registers its own. */
export function registerCommands(context: vscode.ExtensionContext, deps: CommandDeps): void {
  const { logger, previews, apiKeys } = deps;
  registerCommand(context, logger, CommandIds.showForgeLogs, () => logger.channel.show());
  registerCommand(context, logger, CommandIds.preview, (uri?: vscode.Uri) => previewCommand(previews, uri));
  registerCommand(context, logger, CommandIds.previewRef, (uri?: vscode.Uri) => previewRefCommand(previews, logger, uri));
  registerCommand(context, logger, CommandIds.restartPreview, () => restartPreviewCommand(previews));
  registerCommand(context, logger, CommandIds.checkHealth, () => checkHealthCommand(previews));
  registerCommand(context, logger, CommandIds.showFullLog, () => showFullLogCommand(previews));
  registerCommand(context, logger, CommandIds.setApiKey, () => setApiKeyCommand(apiKeys));
  registerCommand(context, logger, CommandIds.clearApiKey, () => clearApiKeyCommand(apiKeys));
  registerCommand(context, logger, CommandIds.useLocalBackend, () => useLocalBackendCommand());
  registerShareCommands(context, logger, previews);
}
