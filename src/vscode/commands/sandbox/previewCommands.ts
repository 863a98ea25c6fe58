import { ActionRules } from '../../views/actionRules';
import type { PreviewActions } from '../../views/previewActions';
import type { SandboxCommandDeps } from './deps';
import { resolveTargets, type TargetSpec } from './targets';

/** The one sandbox a preview command acts on: the clicked node (from the tree) or a quick pick (from the palette). */
export async function previewTarget(deps: SandboxCommandDeps, title: string, node: unknown, spec: Pick<TargetSpec, 'applies' | 'noneMessage'> = PREVIEW_SPEC): Promise<string | undefined> {
  const full: TargetSpec = { ...spec, title, canPickMany: false };
  // Only the clicked node: opening several previews or log channels at once is never what a click means.
  const [target] = await resolveTargets(deps.model, full, node, undefined);
  return target?.id;
}

const PREVIEW_SPEC = { applies: ActionRules.preview, noneMessage: 'No running Forge sandbox. Run "Forge: Preview this repo" first.' };

/** Shared body of the four commands the PreviewManager carries out. */
export async function delegateToPreview(deps: SandboxCommandDeps, title: string, node: unknown, act: (actions: PreviewActions, sandboxId: string) => Promise<void>, spec?: Pick<TargetSpec, 'applies' | 'noneMessage'>): Promise<void> {
  const sandboxId = await previewTarget(deps, title, node, spec);
  if (sandboxId) await act(deps.previewActions, sandboxId);
}
