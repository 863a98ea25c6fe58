import * as vscode from 'vscode';
import type { SandboxSummary } from '../../../core/connect';
import { ActionRules } from '../../views/actionRules';
import { sandboxLabel } from '../../views/sandboxPresentation';
import type { SandboxCommandDeps } from './deps';
import { runLifecycle } from './lifecycle';
import { resolveTargets } from './targets';

export const DELETE_BUTTON = 'Delete';
export const KEEP_ONE = 'Keep It';
export const KEEP_MANY = 'Keep Them';

export async function deleteSandboxes(deps: SandboxCommandDeps, node?: unknown, nodes?: unknown): Promise<void> {
  const targets = await resolveTargets(deps.model, { applies: ActionRules.delete, title: 'Delete Sandboxes', canPickMany: true, noneMessage: 'No sandbox to delete.' }, node, nodes);
  if (targets.length === 0 || !(await confirmDelete(targets))) return;
  await runLifecycle(deps, 'delete', targets);
}

/** A modal that names every sandbox and says what is lost. */
async function confirmDelete(targets: readonly SandboxSummary[]): Promise<boolean> {
  const one = targets.length === 1;
  const message = one ? `Delete the sandbox ${sandboxLabel(targets[0] as SandboxSummary)}?` : `Delete ${targets.length} sandboxes?`;
  // The message names a single sandbox already; several are listed by name, never by the raw id beside it.
  const names = one ? '' : `${targets.map((t) => `• ${sandboxLabel(t)}${t.name !== t.id && t.name !== sandboxLabel(t) ? ` (${t.name})` : ''}`).join('\n')}\n\n`;
  const detail = `${names}${one ? 'Its files are' : 'Their files are'} lost for good: the checkout, installed dependencies, and any change made inside the sandbox that was not pushed. This cannot be undone.`;
  // The dialog's first button is its default (Enter): make that the harmless one, so Enter never deletes.
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, { title: one ? KEEP_ONE : KEEP_MANY }, { title: DELETE_BUTTON });
  return answer?.title === DELETE_BUTTON;
}
