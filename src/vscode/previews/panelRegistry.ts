// The open preview panels, one per sandbox, and the "This sandbox was deleted" tabs, one per folder. activate()
// owns one registry and hands it to what opens or looks up panels (the PreviewManager, the share commands, the
// Sandboxes view, the ports, the serializer); nothing reaches panels through a static.
import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import { Disposable } from '../lifecycle/disposable';
import { DELETED_MESSAGE, showGoneMessage } from './gonePage';
import { PreviewPanel, type PanelOwner, type RestoredView } from './previewPanel';
import type { PreviewSource } from './types';
import { webviewOptions, type PanelHost } from './webviewResources';

export class PreviewPanelRegistry extends Disposable implements PanelOwner {
  private readonly open = new Map<string, PreviewPanel>();
  /** Tabs that say "This sandbox was deleted", by folder: a new preview of that folder takes the tab over. */
  private readonly gone = new Map<string, vscode.WebviewPanel>();
  private readonly closeEmitter = this._register(new vscode.EventEmitter<string>());
  /** Fires with the sandbox id when a preview panel is closed (e.g. to apply `forge.onPreviewClose`). */
  readonly onDidClose = this.closeEmitter.event;
  private readonly openEmitter = this._register(new vscode.EventEmitter<PreviewPanel>());
  /** Fires when a preview panel opens (or is restored): who watches a log listens to its visibility. */
  readonly onDidOpen = this.openEmitter.event;

  constructor(
    readonly host: PanelHost,
    private readonly logger: Logger,
  ) {
    super();
  }

  /** Reveals the panel of this sandbox, or takes over the deleted tab of its folder, or opens one (beside the editor by default). */
  show(source: PreviewSource, column: vscode.ViewColumn = vscode.ViewColumn.Beside): PreviewPanel {
    const existing = this.open.get(source.sandboxId);
    if (existing) {
      existing.panel.reveal(column);
      return existing;
    }
    const orphan = this.gone.get(source.folderKey);
    if (orphan) {
      this.gone.delete(source.folderKey);
      orphan.reveal(column);
      return new PreviewPanel(orphan, this.host, source, this.logger, this);
    }
    const panel = vscode.window.createWebviewPanel(PreviewPanel.viewType, PreviewPanel.titleFor(source), column, { ...webviewOptions(this.host), retainContextWhenHidden: true });
    return new PreviewPanel(panel, this.host, source, this.logger, this);
  }

  /** Takes over a panel VS Code restored after a reload (see panelSerializer.ts). */
  revive(panel: vscode.WebviewPanel, source: PreviewSource, restore?: RestoredView): PreviewPanel {
    this.open.get(source.sandboxId)?.panel.dispose(); // one panel per sandbox, even after a restore
    return new PreviewPanel(panel, this.host, source, this.logger, this, restore);
  }

  /** Shows "This sandbox was deleted — Preview again" in `panel`, which a new preview of `folderKey` reuses. */
  showDeleted(panel: vscode.WebviewPanel, folderKey: string | undefined, message = DELETED_MESSAGE): void {
    showGoneMessage(panel, this.host, message);
    if (folderKey === undefined) return;
    this.gone.get(folderKey)?.dispose(); // one tab per folder
    this.gone.set(folderKey, panel);
    panel.onDidDispose(() => {
      if (this.gone.get(folderKey) === panel) this.gone.delete(folderKey);
    });
  }

  /** The deleted tab of a folder, if one is open (tests). */
  deletedPanelFor(folderKey: string): vscode.WebviewPanel | undefined {
    return this.gone.get(folderKey);
  }

  panelFor(sandboxId: string): PreviewPanel | undefined {
    return this.open.get(sandboxId);
  }

  all(): readonly PreviewPanel[] {
    return [...this.open.values()];
  }

  /**
   * On deactivation: revoke every panel's signed URL (best effort; a window that reloads gets new ones through the
   * serializer). The panels stay open so VS Code can restore them. `deactivate()` may await this.
   */
  async releaseLinks(): Promise<void> {
    await Promise.all(this.all().map((panel) => panel.releaseLink()));
  }

  // PanelOwner: what a PreviewPanel tells its registry.
  opened(panel: PreviewPanel): void {
    this.open.set(panel.source.sandboxId, panel);
    this.openEmitter.fire(panel);
  }

  closed(panel: PreviewPanel): void {
    this.forget(panel);
    this.closeEmitter.fire(panel.source.sandboxId);
  }

  deleted(panel: PreviewPanel): void {
    this.forget(panel);
    this.showDeleted(panel.panel, panel.source.folderKey);
  }

  private forget(panel: PreviewPanel): void {
    if (this.open.get(panel.source.sandboxId) === panel) this.open.delete(panel.source.sandboxId);
  }
}
