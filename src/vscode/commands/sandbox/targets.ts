import * as vscode from 'vscode';
import type { SandboxSummary } from '../../../core/connect';
import { ForgeError } from '../../../common/errors';
import { DevServerNode } from '../../views/devServerNode';
import { PortNode } from '../../views/portNode';
import { SandboxNode } from '../../views/sandboxNode';
import { sandboxLabel } from '../../views/sandboxPresentation';
import type { SandboxesModel } from '../../views/sandboxesModel';
import { stateIcon, stateText } from '../../views/sandboxState';

type SandboxBoundNode = SandboxNode | PortNode | DevServerNode;

export interface TargetSpec {
  /** Which sandboxes the command applies to (by state, Forge or not). */
  readonly applies: (sandbox: SandboxSummary) => boolean;
  /** Quick pick title when run from the palette, e.g. "Stop Sandboxes". */
  readonly title: string;
  readonly canPickMany: boolean;
  /** Said when nothing fits, e.g. "No sandbox is running." */
  readonly noneMessage: string;
}

function isBound(value: unknown): value is SandboxBoundNode {
  return value instanceof SandboxNode || value instanceof PortNode || value instanceof DevServerNode;
}

/** The tree nodes a `(node?, nodes?)` handler acts on: the selection when the clicked node is in it, else the node. */
export function selectedNodes(node: unknown, nodes: unknown): SandboxBoundNode[] | undefined {
  if (!isBound(node)) return undefined;
  if (Array.isArray(nodes) && nodes.includes(node)) return nodes.filter(isBound);
  return [node];
}

export function sandboxOf(node: SandboxBoundNode): SandboxNode {
  return node instanceof SandboxNode ? node : node.parent;
}

/**
 * The sandboxes a command acts on. From the tree: the selection's sandboxes that the command applies to. From the
 * palette: a quick pick of the listed sandboxes it applies to. Empty when the user picked nothing.
 */
export async function resolveTargets(model: SandboxesModel, spec: TargetSpec, node: unknown, nodes: unknown): Promise<SandboxSummary[]> {
  const selection = selectedNodes(node, nodes);
  if (selection) {
    const unique = new Map(selection.map((n) => sandboxOf(n)).map((s) => [s.id, model.find(s.id) ?? s.summary]));
    const targets = [...unique.values()].filter(spec.applies);
    if (targets.length === 0) void vscode.window.showInformationMessage(`Forge: ${spec.noneMessage}`);
    return targets;
  }
  return pickSandboxes(model, spec);
}

export async function pickSandboxes(model: SandboxesModel, spec: TargetSpec): Promise<SandboxSummary[]> {
  await model.ensureLoaded();
  const state = model.state();
  if (state.kind === 'failed') throw new ForgeError('backend-unavailable', state.message);
  if (state.kind === 'no-api-key') {
    throw new ForgeError('api-key', 'No Daytona API key is set.', { hint: 'Run "Forge: Set Daytona API Key", or "Forge: Use the Local Backend".' });
  }
  const candidates = model.sandboxes().filter(spec.applies);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`Forge: ${spec.noneMessage}`);
    return [];
  }
  const items = candidates.map((sandbox) => ({
    label: `$(${stateIcon(sandbox.state).id}) ${sandboxLabel(sandbox)}`,
    description: stateText(sandbox.state),
    detail: sandbox.id,
    sandbox,
  }));
  if (spec.canPickMany) {
    const picked = await vscode.window.showQuickPick(items, { title: `Forge: ${spec.title}`, canPickMany: true, matchOnDetail: true });
    return picked?.map((p) => p.sandbox) ?? [];
  }
  const picked = await vscode.window.showQuickPick(items, { title: `Forge: ${spec.title}`, matchOnDetail: true });
  return picked ? [picked.sandbox] : [];
}
