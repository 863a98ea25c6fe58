import { ActionRules } from '../../views/actionRules';
import type { SandboxCommandDeps } from './deps';
import { delegateToPreview } from './previewCommands';

export async function pullAndRestart(deps: SandboxCommandDeps, node?: unknown): Promise<void> {
  await delegateToPreview(deps, 'Pull Latest and Restart', node, (actions, id) => actions.pullAndRestart(id), {
    applies: ActionRules.pull,
    noneMessage: 'No running Forge sandbox of a repository with a remote: a local folder has nothing to pull (its saved edits reach the sandbox by sync on save).',
  });
  await deps.model.refresh();
}
