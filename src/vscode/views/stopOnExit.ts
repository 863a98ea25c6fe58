import * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import { SECTION } from '../config';
import type { SandboxBackends } from './deps';
import { sandboxesToStop } from './exitRule';
import type { SandboxesModel } from './sandboxesModel';

export interface StopOnExitDeps {
  readonly backends: Pick<SandboxBackends, 'get'>;
  /** The PreviewRegistry, or anything that says which sandbox this window previews. */
  readonly registry: { current(): { readonly sandboxId: string } | undefined };
  readonly model: Pick<SandboxesModel, 'sandboxes'>;
  readonly logger: Logger;
  /** Total budget: VS Code gives deactivate() only a few seconds. Default 3 s. */
  readonly timeoutMs?: number;
}

/**
 * Cost guard for deactivate(): when `forge.stopOnExit` is on, asks the backend to stop this workspace's running
 * Forge sandboxes that should stop on close — the workspace's current preview, and those labelled
 * `forge.stopOnClose=true` for the same repository. Best effort: no list call (it uses the view's last list),
 * nothing started when there is nothing to stop, no waiting past the budget, never throws. Returns the ids it
 * asked to stop.
 */
export async function stopSandboxesOnExit(deps: StopOnExitDeps): Promise<string[]> {
  try {
    if (!vscode.workspace.getConfiguration(SECTION).get<boolean>('stopOnExit', true)) return [];
    const ids = sandboxesToStop(deps.model.sandboxes(), deps.registry.current()?.sandboxId);
    if (ids.length === 0) return [];
    deps.logger.info(`Stopping ${ids.length} sandbox(es) of this workspace as VS Code closes: ${ids.join(', ')}`);
    const budget = deps.timeoutMs ?? 3000;
    const work = (async (): Promise<void> => {
      const backend = await deps.backends.get();
      // The stop request is what matters; waiting for `stopped` is only a courtesy within the budget.
      const results = await Promise.allSettled(ids.map(async (id) => (await backend.daytona.get(id)).stop(Math.ceil(budget / 1000))));
      results.forEach((r, i) => r.status === 'rejected' && deps.logger.warn(`Could not stop sandbox ${ids[i] ?? '?'} on exit: ${String(r.reason)}`));
    })();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, budget)))]);
    clearTimeout(timer);
    return ids;
  } catch (error) {
    deps.logger.warn(`Could not stop sandboxes on exit: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}
