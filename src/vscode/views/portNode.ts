import * as vscode from 'vscode';
import type { SandboxNode } from './sandboxNode';

/** The dev server's preview port of a started Forge sandbox: open the preview, open in a browser, copy a link. */
export class PortNode {
  constructor(
    readonly parent: SandboxNode,
    readonly port: number,
  ) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(`Port ${this.port}`, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.parent.id}/port/${this.port}`;
    item.description = 'preview';
    item.iconPath = new vscode.ThemeIcon('globe');
    item.contextValue = 'forge.port';
    item.tooltip = `The dev server listens on port ${this.port}. Open the preview, or open or copy a signed link (valid 1 hour).`;
    return item;
  }
}
