import type { SandboxCommandDeps } from './deps';
import { delegateToPreview } from './previewCommands';

export async function pullAndRestart(deps: SandboxCommandDeps, node?: unknown): Promise<void> {
  await delegateToPreview(deps, 'Pull Latest and Restart', node, (actions, id) => actions.pullAndRestart(id));
  await deps.model.refresh();
}
