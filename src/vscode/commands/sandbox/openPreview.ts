import type { SandboxCommandDeps } from './deps';
import { delegateToPreview } from './previewCommands';

export function openPreview(deps: SandboxCommandDeps, node?: unknown): Promise<void> {
  return delegateToPreview(deps, 'Open Preview', node, (actions, id) => actions.openPreview(id));
}
