import { ActionRules } from '../../views/actionRules';
import type { SandboxCommandDeps } from './deps';
import { runLifecycle } from './lifecycle';
import { resolveTargets } from './targets';

export async function stopSandboxes(deps: SandboxCommandDeps, node?: unknown, nodes?: unknown): Promise<void> {
  const targets = await resolveTargets(deps.model, { applies: ActionRules.stop, title: 'Stop Sandboxes', canPickMany: true, noneMessage: 'No running sandbox to stop.' }, node, nodes);
  await runLifecycle(deps, 'stop', targets);
}
