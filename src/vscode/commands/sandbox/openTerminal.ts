// "Forge: Open Terminal in Sandbox": a new VS Code terminal on a PTY in the sandbox (each run opens another).
// From the tree: the clicked sandbox; from the panel toolbar: the panel's sandbox; from the palette: the
// workspace's preview, else a pick of the running sandboxes.
import * as vscode from 'vscode';
import { ActionRules } from '../../views/actionRules';
import { sandboxLabel } from '../../views/sandboxPresentation';
import { SandboxPseudoterminal } from '../../terminal/sandboxPseudoterminal';
import type { SandboxCommandDeps } from './deps';
import { resolveTargets, type TargetSpec } from './targets';

const SPEC: TargetSpec = { applies: ActionRules.terminal, title: 'Open Terminal in Sandbox', canPickMany: false, noneMessage: 'No sandbox is running.' };

/** The terminals Forge opened (tests read them). */
export const openTerminals = new Map<vscode.Terminal, SandboxPseudoterminal>();

export async function openTerminal(deps: SandboxCommandDeps, node?: unknown): Promise<vscode.Terminal | undefined> {
  const sandboxId = typeof node === 'string' ? node : await targetOf(deps, node);
  if (!sandboxId) return undefined;
  const summary = deps.model.find(sandboxId);
  const label = (await deps.registry.sourceFor(sandboxId).catch(() => undefined))?.title ?? (summary ? sandboxLabel(summary) : sandboxId);
  const target = await deps.previewActions.terminalTarget(sandboxId);
  const pty = new SandboxPseudoterminal(target, label);
  const terminal = vscode.window.createTerminal({ name: `Forge: ${label}`, pty, iconPath: new vscode.ThemeIcon('terminal') });
  openTerminals.set(terminal, pty);
  const closed = vscode.window.onDidCloseTerminal((t) => {
    if (t !== terminal) return;
    openTerminals.delete(t);
    closed.dispose();
  });
  terminal.show();
  return terminal;
}

async function targetOf(deps: SandboxCommandDeps, node: unknown): Promise<string | undefined> {
  if (node === undefined) {
    const current = deps.registry.current();
    if (current) return current.sandboxId;
  }
  const [target] = await resolveTargets(deps.model, SPEC, node, undefined);
  return target?.id;
}
