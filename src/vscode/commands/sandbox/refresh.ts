import type { SandboxCommandDeps } from './deps';

/** The refresh button: one list walk, shared with any refresh already running. */
export async function refreshSandboxes(deps: SandboxCommandDeps): Promise<void> {
  await deps.model.refresh();
}
