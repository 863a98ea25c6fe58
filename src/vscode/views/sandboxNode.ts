import * as vscode from 'vscode';
import type { SandboxSummary } from '../../core/connect';
import { presentSandbox, type SandboxFacts } from './sandboxPresentation';
import { themeIcon } from './themeIcon';

/** One sandbox. The instance lives as long as the sandbox is listed, so a state change redraws just this node. */
export class SandboxNode {
  readonly parent = undefined;

  constructor(private current: SandboxSummary) {}

  get summary(): SandboxSummary {
    return this.current;
  }

  get id(): string {
    return this.current.id;
  }

  update(summary: SandboxSummary): void {
    this.current = summary;
  }

  treeItem(facts: SandboxFacts): vscode.TreeItem {
    const p = presentSandbox(this.current, facts);
    const item = new vscode.TreeItem(p.label, p.hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.current.id;
    item.description = p.description;
    item.iconPath = themeIcon(p.icon);
    item.contextValue = p.contextValue;
    item.tooltip = new vscode.MarkdownString(p.tooltip);
    item.accessibilityInformation = { label: `${p.label}, ${p.description}` };
    return item;
  }
}
