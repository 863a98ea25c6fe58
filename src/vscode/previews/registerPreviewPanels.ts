// Wires the preview panels into the extension: the serializer that restores them after a reload, the revoking of
// their signed URLs on shutdown, and keeping watched sandboxes awake. The registry itself belongs to activate().
import * as vscode from 'vscode';
import { KeepAwake } from '../../core/activity/keepAwake';
import type { Logger } from '../../common/logger';
import { PreviewPanelSerializer } from './panelSerializer';
import type { PreviewPanelRegistry } from './panelRegistry';
import { PreviewPanel } from './previewPanel';
import type { PreviewRegistry } from './types';

/** What the rest of the VS Code layer (and the tests) use of the panel registry. */
export type PreviewPanels = Pick<PreviewPanelRegistry, 'show' | 'panelFor' | 'all' | 'onDidClose'>;

export function registerPreviewPanels(context: Pick<vscode.ExtensionContext, 'subscriptions'>, panels: PreviewPanelRegistry, registry: PreviewRegistry, logger: Logger): void {
  context.subscriptions.push(
    panels,
    vscode.window.registerWebviewPanelSerializer(PreviewPanel.viewType, new PreviewPanelSerializer(panels, registry, logger)),
    { dispose: () => void panels.releaseLinks() },
    keepVisiblePreviewsAwake(panels, logger),
  );
}

/** Awake while watched: a visible preview panel refreshes its sandbox's activity, so auto-stop waits. */
function keepVisiblePreviewsAwake(panels: PreviewPanels, logger: Logger): KeepAwake {
  return new KeepAwake({
    watched: () =>
      panels
        .all()
        .filter((p) => p.panel.visible && typeof p.source.refreshActivity === 'function')
        .map((p) => ({ sandboxId: p.source.sandboxId, refresh: () => p.source.refreshActivity?.() ?? Promise.resolve() })),
    onError: (sandboxId, error) => logger.debug(`Could not refresh the activity of ${sandboxId}: ${error instanceof Error ? error.message : String(error)}`),
  });
}
