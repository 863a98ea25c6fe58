import type { SandboxCommandDeps } from './deps';
import { delegateToPreview } from './previewCommands';

export function showDevServerLogs(deps: SandboxCommandDeps, node?: unknown): Promise<void> {
  return delegateToPreview(deps, 'Show Dev Server Logs', node, (actions, id) => actions.showLogs(id));
}
