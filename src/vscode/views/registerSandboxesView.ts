import * as vscode from 'vscode';
import { SECTION } from '../config';
import { ContextKeys, updateBackendContext, updateListContext } from './contextKeys';
import type { SandboxesViewDeps } from './deps';
import { errorText } from './errorText';
import { fetchSandboxes, SHOW_ALL_SETTING } from './listSandboxes';
import type { PreviewPanels } from '../previews/registerPreviewPanels';
import { portActions } from '../ports/openPort';
import { SandboxPorts } from '../ports/sandboxPorts';
import { autoStopText } from './autoStop';
import { runningCount, runningDescription } from './sandboxPresentation';
import { SandboxesModel } from './sandboxesModel';
import { SandboxesTreeProvider } from './sandboxesTreeProvider';
import { stopSandboxesOnExit } from './stopOnExit';

export const SANDBOXES_VIEW_ID = 'forge.sandboxes';

/** What registerSandboxesView hands back: the lead keeps it for stopSandboxesOnExit and the test hooks. */
export interface SandboxesView {
  readonly model: SandboxesModel;
  readonly provider: SandboxesTreeProvider;
  readonly treeView: vscode.TreeView<unknown>;
  /** The cost guard for deactivate(): see stopSandboxesOnExit. Returns the ids it asked to stop. */
  stopOnExit(): Promise<string[]>;
  /** The ports of previewed sandboxes (tests read them). */
  readonly ports: SandboxPorts;
  /** "stops in 12 min" / "kept awake" for a listed sandbox (the status bar shows it too). */
  countdown(sandboxId: string): string | undefined;
}


/**
 * Creates the Sandboxes view (its commands are in the command table, src/vscode/commands/commandTable.ts). Nothing is listed (and the engine is not loaded) until
 * the view is shown; afterwards it refreshes on actions, on backend or API key changes, and on a slow poll while
 * visible (fast while a sandbox is starting, stopping, …).
 */
export function registerSandboxesView(context: vscode.ExtensionContext, deps: SandboxesViewDeps & { readonly panels: Pick<PreviewPanels, 'panelFor' | 'all'> }): SandboxesView {
  const { backends, apiKeys, registry, logger, loadEngine, panels } = deps;
  // A visible preview panel refreshes its sandbox's activity (KeepAwake), so no countdown runs for it.
  const isWatched = (sandboxId: string): boolean => panels.panelFor(sandboxId)?.panel.visible ?? false;
  const model = listModel(deps);
  const ports = new SandboxPorts({ backends, logger, loadEngine, panels, state: context.globalState, actions: portActions({ backends, registry, loadEngine }) });
  const provider = new SandboxesTreeProvider(model, () => registry.current()?.sandboxId, (id) => deps.previewActions.stateWordsOf(id), isWatched, (id) => ports.portsOf(id));
  const countdown = (id: string): string | undefined => {
    const summary = model.find(id);
    return summary ? autoStopText(summary, Date.now(), isWatched(id)) : undefined;
  };
  // The countdown moves with the clock, not with the list: redraw it while the view is visible.
  const clock = setInterval(() => {
    if (treeView.visible && model.sandboxes().some((s) => countdown(s.id) !== undefined)) provider.refreshAll();
  }, 30_000);
  const treeView = vscode.window.createTreeView(SANDBOXES_VIEW_ID, { treeDataProvider: provider, canSelectMany: true, showCollapseAll: true });

  const onBackendChange = (): void => {
    void updateBackendContext(backends, apiKeys);
    model.invalidate();
  };
  context.subscriptions.push(
    { dispose: () => clearInterval(clock) },
    ports,
    ports.onDidChange((id) => provider.refreshSandbox(id)),
    treeView,
    provider,
    { dispose: () => model.dispose() },
    treeView.onDidChangeVisibility((e) => model.setVisible(e.visible)),
    model.onDidChange(() => showRunning(treeView, model)),
    backends.onDidChange(onBackendChange),
    apiKeys.onDidChange(onBackendChange),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.${SHOW_ALL_SETTING}`)) model.invalidate();
    }),
    // A preview's state in words is each node's description: redraw when it moves (restarting → running).
    deps.previewActions.onDidChangeState(() => provider.refreshAll()),
    registry.onDidChange(() => {
      // A preview started or stopped (maybe creating a sandbox), and the "this workspace" marker may have moved.
      provider.refreshAll();
      model.invalidate();
    }),
  );
  void updateBackendContext(backends, apiKeys);
  void vscode.commands.executeCommand('setContext', ContextKeys.noSandboxes, false);
  model.setVisible(treeView.visible);

  return { model, provider, treeView, stopOnExit: () => stopSandboxesOnExit({ backends, registry, model, logger }), countdown, ports };
}

/** The list, fetched from the chosen backend; a failure is logged and shown in words. */
function listModel({ backends, apiKeys, loadEngine, logger }: Pick<SandboxesViewDeps, 'backends' | 'apiKeys' | 'loadEngine' | 'logger'>): SandboxesModel {
  return new SandboxesModel({
    fetch: () => fetchSandboxes(backends, apiKeys, loadEngine),
    describeError: (error) => {
      logger.warn(`Listing sandboxes failed: ${error instanceof Error ? error.message : String(error)}`);
      return errorText(error);
    },
  });
}

/** How many sandboxes run, as the view's description and the activity bar badge; the list's context keys. */
function showRunning(treeView: vscode.TreeView<unknown>, model: SandboxesModel): void {
  const state = model.state();
  const sandboxes = state.kind === 'loaded' ? state.sandboxes : [];
  treeView.description = runningDescription(sandboxes);
  // The description is hidden when the view's title merges with its container's; the activity bar badge is not.
  const running = runningCount(sandboxes);
  treeView.badge = running > 0 ? { value: running, tooltip: running === 1 ? '1 sandbox running' : `${running} sandboxes running` } : undefined;
  void updateListContext(state);
}
