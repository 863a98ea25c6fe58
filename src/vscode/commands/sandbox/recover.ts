import { ActionRules } from '../../views/actionRules';
import type { SandboxCommandDeps } from './deps';
import { runLifecycle } from './lifecycle';
import { resolveTargets } from './targets';

/** Daytona's recover for sandboxes in error (a sandbox it cannot recover says so; Delete remains). */
export async function recoverSandboxes(deps: SandboxCommandDeps, node?: unknown, nodes?: unknown): Promise<void> {
  const targets = await resolveTargets(deps.model, { applies: ActionRules.recover, title: 'Recover Sandboxes', canPickMany: true, noneMessage: 'No sandbox in an error state to recover.' }, node, nodes);
  await runLifecycle(deps, 'recover', targets);
}
