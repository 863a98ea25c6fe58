import { ActionRules } from '../../views/actionRules';
import type { SandboxCommandDeps } from './deps';
import { runLifecycle } from './lifecycle';
import { resolveTargets } from './targets';

/** Archiving moves a stopped sandbox's files to cheaper storage (a running one is stopped first). */
export async function archiveSandboxes(deps: SandboxCommandDeps, node?: unknown, nodes?: unknown): Promise<void> {
  const targets = await resolveTargets(deps.model, { applies: ActionRules.archive, title: 'Archive Sandboxes', canPickMany: true, noneMessage: 'No running or stopped sandbox to archive.' }, node, nodes);
  await runLifecycle(deps, 'archive', targets);
}
