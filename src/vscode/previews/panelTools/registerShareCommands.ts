// Registers Share Preview… and Revoke Shared Preview Links… (issue 19). Both accept a sandbox id (the panel passes
// its own); anything else (a tree node, nothing) means the current folder's preview. Share also accepts a lifetime
// in seconds (keybindings, tests): it is checked like a typed one (1 min to 24 h), never widened.
import type * as vscode from 'vscode';
import type { Logger } from '../../../common/logger';
import { CommandIds } from '../../commands/ids';
import { registerCommand } from '../../commands/register';
import { PreviewPanel } from '../previewPanel';
import type { PreviewRegistry } from '../types';
import { revokeSharedLinks, sharePreview, shareTarget } from './shareCommand';

export function registerShareCommands(context: vscode.ExtensionContext, logger: Logger & { readonly channel: vscode.LogOutputChannel }, registry: PreviewRegistry): void {
  registerCommand(context, logger, CommandIds.sharePreview, async (sandboxId?: unknown, seconds?: unknown) => {
    const source = await shareTarget(registry, sandboxId);
    const result = await sharePreview(source, logger, typeof seconds === 'number' ? seconds : undefined);
    if (!result) return undefined;
    PreviewPanel.panelFor(source.sandboxId)?.showShares(result);
    return { id: result.entry.id, expiresAt: result.entry.expiresAt, seconds: result.entry.seconds };
  });
  registerCommand(context, logger, CommandIds.revokeSharedLinks, async (sandboxId?: unknown) => {
    const source = await shareTarget(registry, sandboxId);
    const count = await revokeSharedLinks(source, logger);
    PreviewPanel.panelFor(source.sandboxId)?.showShares();
    return count;
  });
}
