// One status bar item for the workspace's preview: its phase and sync state, hidden when there is none. Click
// opens the preview, or resyncs when the sandbox is out of sync with the editor.
import * as vscode from 'vscode';
import type { PreviewRegistry, PreviewSource } from './previews/types';
import { statusBarPresentation } from './statusBarPresentation';

export class ForgeStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('forge.preview.status', vscode.StatusBarAlignment.Left, 50);
  private readonly registryListener: vscode.Disposable;
  private sourceListener: vscode.Disposable | undefined;
  private source: PreviewSource | undefined;

  /** Redraws the auto-stop countdown ("stops in 12 min") as time passes. */
  private readonly clock = setInterval(() => this.update(), 30_000);

  constructor(
    private readonly registry: PreviewRegistry,
    private readonly countdown: (sandboxId: string) => string | undefined = () => undefined,
  ) {
    this.item.name = 'Forge Preview';
    this.registryListener = registry.onDidChange(() => this.follow());
    this.follow();
  }

  /** What the item shows now (tests). */
  get presentation(): { readonly visible: boolean; readonly text: string; readonly tooltip: string; readonly command: string | undefined } {
    const command = typeof this.item.command === 'string' ? this.item.command : this.item.command?.command;
    const tooltip = typeof this.item.tooltip === 'string' ? this.item.tooltip : (this.item.tooltip?.value ?? '');
    return { visible: this.source !== undefined, text: this.item.text, tooltip, command };
  }

  dispose(): void {
    clearInterval(this.clock);
    this.registryListener.dispose();
    this.sourceListener?.dispose();
    this.item.dispose();
  }

  /** Follows the registry's current preview: a new one, none, or the same one again. */
  private follow(): void {
    const current = this.registry.current();
    if (current !== this.source) {
      this.sourceListener?.dispose();
      this.source = current;
      this.sourceListener = current?.onDidChangeStatus(() => this.update());
    }
    this.update();
  }

  private update(): void {
    if (!this.source) {
      this.item.hide();
      return;
    }
    const view = statusBarPresentation(this.source, this.source.status(), this.countdown(this.source.sandboxId));
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.command = view.command; // both commands take no arguments from here
    this.item.backgroundColor = view.background ? new vscode.ThemeColor(view.background) : undefined;
    this.item.accessibilityInformation = { label: view.text.replace(/\$\([^)]*\)\s*/g, ''), role: 'button' };
    this.item.show();
  }
}
