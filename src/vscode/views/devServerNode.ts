import * as vscode from 'vscode';
import { hasRemote } from './actionRules';
import type { SandboxNode } from './sandboxNode';

/** The dev-server session of a started Forge sandbox: its logs, restart, pull latest and restart. */
export class DevServerNode {
  constructor(readonly parent: SandboxNode) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Dev server', vscode.TreeItemCollapsibleState.None);
    item.id = `${this.parent.id}/dev-server`;
    item.description = 'logs';
    item.iconPath = new vscode.ThemeIcon('terminal');
    const remote = hasRemote(this.parent.summary);
    item.contextValue = remote ? 'forge.devServer.remote' : 'forge.devServer';
    item.tooltip = `The dev server session in the sandbox. Show its logs, restart it${remote ? ', or pull the latest commits and restart' : ''}.`;
    return item;
  }
}
