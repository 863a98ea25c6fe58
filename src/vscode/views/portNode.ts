import * as vscode from 'vscode';
import type { SandboxNode } from './sandboxNode';

/**
 * A port of a started Forge sandbox: the dev server's (the preview) or another one its app opened (watched while
 * the preview is open). Open the preview, open in a browser, copy a link.
 */
export class PortNode {
  constructor(
    readonly parent: SandboxNode,
    readonly port: number,
    readonly kind: { readonly preview: boolean; readonly label?: string } = { preview: true },
  ) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.kind.label ? `${this.kind.label} (${this.port})` : `Port ${this.port}`, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.parent.id}/port/${this.port}`;
    item.description = this.kind.preview ? 'preview' : 'open';
    item.iconPath = new vscode.ThemeIcon(this.kind.preview ? 'globe' : 'plug');
    item.contextValue = 'forge.port';
    item.tooltip = this.kind.preview
      ? `The dev server listens on port ${this.port}. Open the preview, or open or copy a signed link (valid 1 hour).`
      : `The sandbox listens on port ${this.port}. Open it beside the editor, or open or copy a signed link (valid 1 hour).`;
    return item;
  }
}
