import * as vscode from 'vscode';
import { MessageNode } from './messageNode';
import { sandboxChildren } from './sandboxChildren';
import { SandboxNode } from './sandboxNode';
import type { ModelChange, SandboxesModel } from './sandboxesModel';
import type { ForgeTreeNode } from './treeNode';

/**
 * Turns the model into nodes. Sandbox nodes are kept per id, so a state change fires a change for that node
 * only; a sandbox appearing or disappearing refreshes the root.
 */
export class SandboxesTreeProvider implements vscode.TreeDataProvider<ForgeTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ForgeTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly nodes = new Map<string, SandboxNode>();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly model: SandboxesModel,
    private readonly currentSandboxId: () => string | undefined,
    private readonly previewWords: (sandboxId: string) => string | undefined = () => undefined,
    /** A visible preview panel keeps the sandbox awake: no auto-stop countdown. */
    private readonly watched: (sandboxId: string) => boolean = () => false,
    /** The ports a sandbox listens on while its preview is open (SandboxPorts). */
    private readonly ports: (sandboxId: string) => readonly { readonly port: number; readonly preview: boolean; readonly label?: string }[] = () => [],
  ) {
    this.subscription = model.onDidChange((change) => this.apply(change));
  }

  getTreeItem(node: ForgeTreeNode): vscode.TreeItem {
    if (node instanceof SandboxNode) {
      const words = this.previewWords(node.id);
      return node.treeItem({ isCurrent: node.id === this.currentSandboxId(), now: Date.now(), watched: this.watched(node.id), ...(words === undefined ? {} : { previewWords: words }) });
    }
    return node.treeItem();
  }

  async getChildren(node?: ForgeTreeNode): Promise<ForgeTreeNode[]> {
    if (node) return node instanceof SandboxNode ? sandboxChildren(node, this.ports(node.id)) : [];
    // VS Code asks for the root only while the view is visible: the first list happens here, not at activation.
    await this.model.ensureLoaded();
    const state = this.model.state();
    if (state.kind === 'failed') return [new MessageNode(state.message)];
    // No API key, or no sandboxes: an empty tree lets the welcome view speak.
    if (state.kind !== 'loaded') return [];
    const seen = new Set<string>();
    const nodes = state.sandboxes.map((summary) => {
      seen.add(summary.id);
      const existing = this.nodes.get(summary.id);
      if (existing) {
        existing.update(summary);
        return existing;
      }
      const created = new SandboxNode(summary);
      this.nodes.set(summary.id, created);
      return created;
    });
    for (const id of [...this.nodes.keys()]) if (!seen.has(id)) this.nodes.delete(id);
    return nodes;
  }

  getParent(node: ForgeTreeNode): ForgeTreeNode | undefined {
    return node.parent;
  }

  /** The sandbox nodes currently shown, in order (tests and commands read them). */
  sandboxNodes(): SandboxNode[] {
    return this.model.sandboxes().flatMap((s) => this.nodes.get(s.id) ?? []);
  }

  /** Redraws one sandbox node and its children (its ports changed). */
  refreshSandbox(sandboxId: string): void {
    const node = this.nodes.get(sandboxId);
    this.changed.fire(node);
  }

  /** Redraws everything (e.g. the "this workspace" marker moved). */
  refreshAll(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private apply(change: ModelChange): void {
    if (change.structural) {
      this.changed.fire(undefined);
      return;
    }
    for (const id of change.changedIds) {
      const node = this.nodes.get(id);
      const summary = this.model.find(id);
      if (!node || !summary) {
        this.changed.fire(undefined);
        return;
      }
      node.update(summary);
      this.changed.fire(node);
    }
  }
}
