import { portActions } from '../../ports/openPort';
import { PortNode } from '../../views/portNode';
import type { SandboxCommandDeps } from './deps';
import { delegateToPreview } from './previewCommands';

export function openPreview(deps: SandboxCommandDeps, node?: unknown): Promise<void> {
  // Another port the app opened (not the dev server's): beside the editor in the Simple Browser.
  if (node instanceof PortNode && !node.kind.preview) return portActions(deps).openPreview(node.parent.id, node.port);
  return delegateToPreview(deps, 'Open Preview', node, (actions, id) => actions.openPreview(id));
}
