// Wires the preview panels into the extension: the serializer that restores them after a reload, and the
// `show` the PreviewManager and the commands call.
import * as vscode from 'vscode';
import { KeepAwake } from '../../core/activity/keepAwake';
import type { Logger } from '../../common/logger';
import { PreviewPanelSerializer } from './panelSerializer';
import { PreviewPanel } from './previewPanel';
import type { PreviewRegistry, PreviewSource } from './types';
import type { PanelHost } from './webviewResources';

export interface PreviewPanels {
  /** Reveals the panel of `source`'s sandbox, or opens one (beside the editor by default). */
  show(source: PreviewSource, column?: vscode.ViewColumn): PreviewPanel;
  /** The open panel of a sandbox, if any. */
  panelFor(sandboxId: string): PreviewPanel | undefined;
  /** Fires with the sandbox id when a preview panel is closed. */
  readonly onDidClose: vscode.Event<string>;
}

export function registerPreviewPanels(context: PanelHost & Pick<vscode.ExtensionContext, 'subscriptions'>, registry: PreviewRegistry, logger: Logger): PreviewPanels {
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(PreviewPanel.viewType, new PreviewPanelSerializer(context, registry, logger)),
    { dispose: () => void revokeAllPreviewLinks() },
    keepVisiblePreviewsAwake(logger),
  );
  return {
    show: (source, column) => showPreviewPanel(context, source, logger, column),
    panelFor: (sandboxId) => PreviewPanel.panelFor(sandboxId),
    onDidClose: PreviewPanel.onDidClose,
  };
}

/** Awake while watched: a visible preview panel refreshes its sandbox's activity, so auto-stop waits. */
function keepVisiblePreviewsAwake(logger: Logger): KeepAwake {
  return new KeepAwake({
    watched: () =>
      PreviewPanel.all()
        .filter((p) => p.panel.visible && typeof p.source.refreshActivity === 'function')
        .map((p) => ({ sandboxId: p.source.sandboxId, refresh: () => p.source.refreshActivity?.() ?? Promise.resolve() })),
    onError: (sandboxId, error) => logger.debug(`Could not refresh the activity of ${sandboxId}: ${error instanceof Error ? error.message : String(error)}`),
  });
}

/**
 * Reveals or opens the panel of `source` (beside the editor by default). Needs no registration first, so the
 * PreviewManager can be handed `(source) => showPreviewPanel(context, source, logger)` before the panels are registered.
 */
export function showPreviewPanel(host: PanelHost, source: PreviewSource, logger: Logger, column: vscode.ViewColumn = vscode.ViewColumn.Beside): PreviewPanel {
  return PreviewPanel.show(host, source, column, logger);
}

/**
 * On deactivation: revoke every panel's signed URL (best effort; a window that reloads gets new ones through the
 * serializer). The panels stay open so VS Code can restore them. `deactivate()` may await this.
 */
export async function revokeAllPreviewLinks(): Promise<void> {
  await Promise.all(PreviewPanel.all().map((panel) => panel.releaseLink()));
}
