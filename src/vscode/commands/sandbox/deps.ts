import type { SandboxesViewDeps } from '../../views/deps';
import type { SandboxesModel } from '../../views/sandboxesModel';

/** What the sandbox commands work with: the view's dependencies plus its model. */
export interface SandboxCommandDeps extends Omit<SandboxesViewDeps, 'apiKeys'> {
  readonly model: SandboxesModel;
}
