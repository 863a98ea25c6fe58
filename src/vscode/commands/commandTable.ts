// The one place Forge registers commands: one handler per CommandIds key (the Record type makes a missing or
// extra command a compile error), each in a file of its own. `test/unit/manifest.test.ts` registers this table
// against a stub and checks it against CommandIds and package.json.
import type * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { PreviewManager } from '../previews/previewManager';
import type { PreviewPanels } from '../previews/registerPreviewPanels';
import type { LoadEngine } from '../engineLoader';
import type { GitHubAuth } from '../githubAuth';
import type { ApiKeyStore } from '../apiKeyStore';
import type { PreviewSyncManager } from '../sync/previewSyncManager';
import { resyncCommand } from '../sync/resyncCommand';
import { clearApiKeyCommand, setApiKeyCommand, useLocalBackendCommand } from './apiKey';
import { checkHealthCommand } from './checkHealth';
import { CommandIds } from './ids';
import { previewCommand } from './previewThisRepo';
import { previewRefCommand } from './previewRef';
import { registerCommand } from './register';
import { restartPreviewCommand } from './restartPreview';
import { archiveSandboxes } from './sandbox/archive';
import { copyPreviewLink } from './sandbox/copyLink';
import { deleteSandboxes } from './sandbox/delete';
import type { SandboxCommandDeps } from './sandbox/deps';
import { openInBrowser } from './sandbox/openInBrowser';
import { openPreview } from './sandbox/openPreview';
import { openTerminal } from './sandbox/openTerminal';
import { pullAndRestart } from './sandbox/pullAndRestart';
import { recoverSandboxes } from './sandbox/recover';
import { refreshSandboxes } from './sandbox/refresh';
import { restartDevServer } from './sandbox/restartDevServer';
import { showDevServerLogs } from './sandbox/showLogs';
import { startSandboxes } from './sandbox/start';
import { stopSandboxes } from './sandbox/stop';
import { revokeSharedLinksCommand, sharePreviewCommand } from './sharePreview';
import { showForgeLogsCommand } from './showForgeLogs';
import { showFullLogCommand } from './showFullLog';

export type CommandLogger = Logger & { readonly channel: vscode.LogOutputChannel };

export interface CommandTableDeps {
  readonly logger: CommandLogger;
  readonly previews: PreviewManager;
  readonly apiKeys: ApiKeyStore;
  readonly panels: Pick<PreviewPanels, 'panelFor'>;
  readonly syncs: PreviewSyncManager;
  readonly loadEngine: LoadEngine;
  readonly auth: GitHubAuth;
  /** The Sandboxes view's commands: each takes `(node?, nodes?)` and falls back to a quick pick. */
  readonly sandboxes: SandboxCommandDeps;
}

export type CommandHandler = (...args: never[]) => unknown;
export type CommandTable = { readonly [K in keyof typeof CommandIds]: CommandHandler };

/** Every command's handler, by its CommandIds key. */
export function commandTable(deps: CommandTableDeps): CommandTable {
  const { logger, previews, apiKeys, panels, syncs, loadEngine, auth, sandboxes: s } = deps;
  return {
    preview: (uri?: vscode.Uri) => previewCommand(previews, uri),
    previewRef: (uri?: vscode.Uri) => previewRefCommand(previews, logger, loadEngine, auth, uri),
    restartPreview: () => restartPreviewCommand(previews),
    checkHealth: () => checkHealthCommand(previews),
    showFullLog: () => showFullLogCommand(previews),
    resync: () => resyncCommand(previews, syncs, logger),
    sharePreview: (sandboxId?: unknown, seconds?: unknown) => sharePreviewCommand({ registry: previews, panels, logger }, sandboxId, seconds),
    revokeSharedLinks: (sandboxId?: unknown) => revokeSharedLinksCommand({ registry: previews, panels, logger }, sandboxId),
    setApiKey: () => setApiKeyCommand(apiKeys),
    clearApiKey: () => clearApiKeyCommand(apiKeys),
    useLocalBackend: () => useLocalBackendCommand(),
    showForgeLogs: () => showForgeLogsCommand(logger),
    refreshSandboxes: () => refreshSandboxes(s),
    openPreview: (node?: unknown) => openPreview(s, node),
    openInBrowser: (node?: unknown) => openInBrowser(s, node),
    copyLink: (node?: unknown) => copyPreviewLink(s, node),
    showDevServerLogs: (node?: unknown) => showDevServerLogs(s, node),
    startSandbox: (node?: unknown, nodes?: unknown) => startSandboxes(s, node, nodes),
    stopSandbox: (node?: unknown, nodes?: unknown) => stopSandboxes(s, node, nodes),
    archiveSandbox: (node?: unknown, nodes?: unknown) => archiveSandboxes(s, node, nodes),
    recoverSandbox: (node?: unknown, nodes?: unknown) => recoverSandboxes(s, node, nodes),
    deleteSandbox: (node?: unknown, nodes?: unknown) => deleteSandboxes(s, node, nodes),
    restartDevServer: (node?: unknown) => restartDevServer(s, node),
    pullAndRestart: (node?: unknown) => pullAndRestart(s, node),
    openTerminal: async (node?: unknown) => void (await openTerminal(s, node)),
  };
}

/** Registers every command of the table, each once, through the one wrapper that reports failures (register.ts). */
export function registerCommands(context: Pick<vscode.ExtensionContext, 'subscriptions'>, deps: CommandTableDeps): void {
  const table = commandTable(deps);
  for (const key of Object.keys(CommandIds) as (keyof typeof CommandIds)[]) registerCommand(context, deps.logger, CommandIds[key], table[key], deps.auth);
}
