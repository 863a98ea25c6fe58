import { ActionRules } from '../../views/actionRules';
import type { PreviewActions } from '../../views/previewActions';
import type { SandboxCommandDeps } from './deps';
import { resolveTargets, type TargetSpec } from './targets';

/** The one sandbox a preview command acts on: the clicked node (from the tree) or a quick pick (from the palette). */
export async function previewTarget(deps: SandboxCommandDeps, title: string, node: unknown): Promise<string | undefined> {
  const spec: TargetSpec = { applies: ActionRules.preview, title, canPickMany: false, noneMessage: 'No running Forge sandbox. Run "Forge: Preview this repo" first.' };
  // Only the clicked node: opening several previews or log channels at once is never what a click means.
  const [target] = await resolveTargets(deps.model, spec, node, undefined);
  return target?.id;
}

/** Shared body of the four commands the PreviewManager carries out. */
export async function delegateToPreview(deps: SandboxCommandDeps, title: string, node: unknown, act: (actions: PreviewActions, sandboxId: string) => Promise<void>): Promise<void> {
  const sandboxId = await previewTarget(deps, title, node);
  if (sandboxId) await act(deps.previewActions, sandboxId);
}
