import * as vscode from 'vscode';
import { CommandIds } from '../commands/ids';

/** Stands in for the list when listing failed (network, rejected key): says why; a click lists again. */
export class MessageNode {
  readonly parent = undefined;

  constructor(readonly message: string) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.message, vscode.TreeItemCollapsibleState.None);
    item.id = 'forge.sandboxes.error';
    item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    item.contextValue = 'forge.message.error';
    item.tooltip = `${this.message}\n\nClick to try again.`;
    item.command = { command: CommandIds.refreshSandboxes, title: 'Refresh Sandboxes' };
    return item;
  }
}
