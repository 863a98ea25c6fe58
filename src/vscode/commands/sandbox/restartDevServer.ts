import type { SandboxCommandDeps } from './deps';
import { delegateToPreview } from './previewCommands';

export async function restartDevServer(deps: SandboxCommandDeps, node?: unknown): Promise<void> {
  await delegateToPreview(deps, 'Restart Dev Server', node, (actions, id) => actions.restartDevServer(id));
  await deps.model.refresh();
}
