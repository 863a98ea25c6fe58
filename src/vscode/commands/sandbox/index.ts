import type * as vscode from 'vscode';
import type { Logger } from '../../../common/logger';
import { CommandIds } from '../ids';
import { registerCommand } from '../register';
import { archiveSandboxes } from './archive';
import { copyPreviewLink } from './copyLink';
import { deleteSandboxes } from './delete';
import type { SandboxCommandDeps } from './deps';
import { openInBrowser } from './openInBrowser';
import { openPreview } from './openPreview';
import { openTerminal } from './openTerminal';
import { pullAndRestart } from './pullAndRestart';
import { recoverSandboxes } from './recover';
import { refreshSandboxes } from './refresh';
import { restartDevServer } from './restartDevServer';
import { showDevServerLogs } from './showLogs';
import { startSandboxes } from './start';
import { stopSandboxes } from './stop';

/** The Sandboxes view's commands. Each handler takes `(node?, nodes?)` and falls back to a quick pick. */
export function registerSandboxCommands(context: vscode.ExtensionContext, logger: Logger & { readonly channel: vscode.LogOutputChannel }, deps: SandboxCommandDeps): void {
  const table: [Parameters<typeof registerCommand>[2], (node?: unknown, nodes?: unknown) => Promise<void>][] = [
    [CommandIds.refreshSandboxes, () => refreshSandboxes(deps)],
    [CommandIds.startSandbox, (node, nodes) => startSandboxes(deps, node, nodes)],
    [CommandIds.stopSandbox, (node, nodes) => stopSandboxes(deps, node, nodes)],
    [CommandIds.archiveSandbox, (node, nodes) => archiveSandboxes(deps, node, nodes)],
    [CommandIds.recoverSandbox, (node, nodes) => recoverSandboxes(deps, node, nodes)],
    [CommandIds.deleteSandbox, (node, nodes) => deleteSandboxes(deps, node, nodes)],
    [CommandIds.openPreview, (node) => openPreview(deps, node)],
    [CommandIds.showDevServerLogs, (node) => showDevServerLogs(deps, node)],
    [CommandIds.restartDevServer, (node) => restartDevServer(deps, node)],
    [CommandIds.pullAndRestart, (node) => pullAndRestart(deps, node)],
    [CommandIds.copyLink, (node) => copyPreviewLink(deps, node)],
    [CommandIds.openInBrowser, (node) => openInBrowser(deps, node)],
    [CommandIds.openTerminal, async (node) => void (await openTerminal(deps, node))],
  ];
  for (const [id, handler] of table) registerCommand(context, logger, id, handler);
}
