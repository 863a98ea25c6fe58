import * as vscode from 'vscode';
import type { Logger } from '../../core/types';
import { SECTION } from '../config';
import { isEngineLoaded, loadEngine } from '../engine';
import type { PreviewRegistry } from '../previews/types';
import type { SandboxBackends } from './deps';
import type { SandboxesModel } from './sandboxesModel';
import { sandboxesToStop } from './exitRule';

export interface StopOnExitDeps {
  readonly backends: SandboxBackends;
  readonly registry: PreviewRegistry;
  readonly model: SandboxesModel;
  readonly logger: Logger;
  /** Total budget: VS Code gives deactivate() only a few seconds. */
  readonly timeoutMs?: number;
}

/**
 * Cost guard for deactivate(): when `forge.stopOnExit` is on, asks the backend to stop this workspace's running
 * Forge sandboxes that should stop on close — the workspace's current preview, and those labelled
 * `forge.stopOnClose=true` for the same repository. Best effort: no new list call, no waiting past the budget,
 * never throws. Returns the ids it asked to stop.
 */
export async function stopSandboxesOnExit(deps: StopOnExitDeps): Promise<string[]> {
  try {
    if (!vscode.workspace.getConfiguration(SECTION).get<boolean>('stopOnExit', true)) return [];
    // Nothing was ever listed or connected: nothing of ours can be running, and starting a backend now would be wrong.
    if (!isEngineLoaded()) return [];
    const ids = sandboxesToStop(deps.model.sandboxes(), deps.registry.current()?.sandboxId);
    if (ids.length === 0) return [];
    deps.logger.info(`Stopping ${ids.length} sandbox(es) of this workspace on exit: ${ids.join(', ')}`);
    const work = (async (): Promise<void> => {
      const backend = await deps.backends.get();
      const engine = loadEngine();
      await Promise.allSettled(ids.map((id) => engine.runSandboxAction(backend.daytona, id, 'stop')));
    })();
    await Promise.race([work, new Promise((resolve) => setTimeout(resolve, deps.timeoutMs ?? 3000))]);
    return ids;
  } catch (error) {
    deps.logger.warn(`Could not stop sandboxes on exit: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}
