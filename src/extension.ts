import * as vscode from 'vscode';
import { BackendManager } from './vscode/backend';
import { registerCommands } from './vscode/commands/commandTable';
import { createLogger } from './vscode/logger';
import { PreviewManager } from './vscode/previews/previewManager';
import { EngineLoader } from './vscode/engineLoader';
import { PreviewPanelRegistry } from './vscode/previews/panelRegistry';
import { watchPreviewLogs } from './vscode/previews/logWatchers';
import { registerPreviewPanels } from './vscode/previews/registerPreviewPanels';
import { ApiKeyStore } from './vscode/apiKeyStore';
import { ForgeStatusBar } from './vscode/statusBar';
import { registerSandboxesView, type SandboxesView } from './vscode/views/registerSandboxesView';
import { PreviewSyncManager } from './vscode/sync/previewSyncManager';
import { testingApi, type TestingApi } from './vscode/testing';
import { GitHubAuth } from './vscode/githubAuth';

let backends: BackendManager | undefined;
let sandboxesView: SandboxesView | undefined;
let panels: PreviewPanelRegistry | undefined;

// activate() stays short: the logger first, then the services, then one register…() per area. Nothing here
// loads the Daytona SDK: the engine bundle is required on first use.
export function activate(context: vscode.ExtensionContext): { testing?: TestingApi } {
  const logger = createLogger(context);
  try {
    const apiKeys = new ApiKeyStore(context.secrets);
    const engine = new EngineLoader();
    const loadEngine = engine.load;
    const auth = new GitHubAuth((provider, scopes, options) => vscode.authentication.getSession(provider, [...scopes], options));
    backends = new BackendManager(apiKeys, logger, context.globalStorageUri.fsPath, loadEngine, context.globalState);
    const shown = (panels = new PreviewPanelRegistry(context, logger));
    const previews = new PreviewManager({ backends, logger, state: context.workspaceState, showPanel: (source) => void shown.show(source), loadEngine, auth });
    context.subscriptions.push(apiKeys, backends, previews);
    // Registered during activation so VS Code can restore preview panels after a reload.
    registerPreviewPanels(context, shown, previews, logger);
    // The dev-server log is followed only while its Output channel or panel is visible (cloud auto-stop).
    context.subscriptions.push(watchPreviewLogs(previews, shown));
    context.subscriptions.push(shown.onDidClose((sandboxId) => void previews.panelClosed(sandboxId)), new ForgeStatusBar(previews, (id) => sandboxesView?.countdown(id)));
    sandboxesView = registerSandboxesView(context, { backends, apiKeys, registry: previews, previewActions: previews, logger, loadEngine, panels: shown });
    const syncs = new PreviewSyncManager(previews, logger, loadEngine);
    context.subscriptions.push(syncs);
    const sandboxes = { backends, registry: previews, previewActions: previews, logger, loadEngine, model: sandboxesView.model };
    registerCommands(context, { logger, previews, apiKeys, panels: shown, syncs, loadEngine, auth, sandboxes });
    void previews.offerRecovery().catch((error: unknown) => logger.warn(`Could not recover an interrupted preview: ${error instanceof Error ? error.message : String(error)}`));
    return process.env['FORGE_TEST'] === '1' ? { testing: testingApi({ backends, previews, panels: shown, isEngineLoaded: () => engine.loaded, logger, sandboxesView, mementos: { workspace: context.workspaceState, global: context.globalState } }) } : {};
  } catch (error) {
    logger.error(error instanceof Error ? error : String(error));
    void vscode.window.showErrorMessage(`Forge could not start: ${error instanceof Error ? error.message : String(error)}`, 'Show Logs').then((c) => c && logger.channel.show());
    return {};
  }
}

export async function deactivate(): Promise<void> {
  // Cost guard first: it may need the local backend, which disposeAsync closes.
  await sandboxesView?.stopOnExit();
  await panels?.releaseLinks();
  await backends?.disposeAsync();
}
