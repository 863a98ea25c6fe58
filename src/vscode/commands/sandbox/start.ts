import { ActionRules } from '../../views/actionRules';
import type { SandboxCommandDeps } from './deps';
import { runLifecycle } from './lifecycle';
import { resolveTargets } from './targets';

export async function startSandboxes(deps: SandboxCommandDeps, node?: unknown, nodes?: unknown): Promise<void> {
  // A sandbox id: the preview panel's "Start and reload" (its sandbox stopped behind it).
  if (typeof node === 'string') {
    await deps.model.ensureLoaded();
    const sandbox = deps.model.find(node);
    await runLifecycle(deps, 'start', sandbox && ActionRules.start(sandbox) ? [sandbox] : []);
    return;
  }
  const targets = await resolveTargets(deps.model, { applies: ActionRules.start, title: 'Start Sandboxes', canPickMany: true, noneMessage: 'No stopped or archived sandbox to start.' }, node, nodes);
  await runLifecycle(deps, 'start', targets);
}
