import * as vscode from 'vscode';
import type { SandboxAction, SandboxSummary } from '../../../core/connect';
import { ForgeError, type ForgeErrorCode } from '../../../common/errors';
import { sandboxLabel } from '../../views/sandboxPresentation';
import { PENDING_STATE } from '../../views/sandboxState';
import type { SandboxCommandDeps } from './deps';

const WORDS: Record<SandboxAction, { doing: string; done: string }> = {
  start: { doing: 'Starting', done: 'started' },
  stop: { doing: 'Stopping', done: 'stopped' },
  archive: { doing: 'Archiving', done: 'archived' },
  recover: { doing: 'Recovering', done: 'recovered' },
  delete: { doing: 'Deleting', done: 'deleted' },
};

/** At most this many lifecycle calls at once, so a large selection does not hit the API's rate limit. */
const PARALLEL = 4;

/**
 * Runs one lifecycle action on each target with a progress notification. The nodes spin while it runs; one
 * refresh follows. A sandbox already deleted elsewhere is skipped quietly; other failures are reported together.
 */
export async function runLifecycle(deps: SandboxCommandDeps, action: SandboxAction, targets: readonly SandboxSummary[]): Promise<void> {
  if (targets.length === 0) return;
  const words = WORDS[action];
  const ids = targets.map((t) => t.id);
  const failures: { sandbox: SandboxSummary; error: Error & { code?: string; hint?: string | undefined } }[] = [];
  deps.model.markPending(ids, PENDING_STATE[action]);
  try {
    const title = targets.length === 1 ? `${words.doing} ${sandboxLabel(targets[0] as SandboxSummary)}` : `${words.doing} ${targets.length} sandboxes`;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Forge: ${title}…` }, async () => {
      const backend = await deps.backends.get();
      const engine = deps.loadEngine();
      await forEachLimited(targets, PARALLEL, async (sandbox) => {
        try {
          await engine.runSandboxAction(backend.daytona, sandbox.id, action);
          deps.logger.info(`Sandbox ${sandbox.id} (${sandboxLabel(sandbox)}) ${words.done}`);
          // A start brings the preview back only once its dev server answers again.
          await deps.previewActions.sandboxChanged(sandbox.id, action);
        } catch (error) {
          const forgeError = engine.toForgeError(error, `${words.doing.toLowerCase()} ${sandboxLabel(sandbox)}`, backend.displayName);
          if (forgeError.code === 'sandbox-gone') {
            deps.logger.info(`Sandbox ${sandbox.id} no longer exists (deleted outside Forge); nothing to do`);
            await deps.previewActions.sandboxChanged(sandbox.id, 'gone');
            return;
          }
          deps.logger.error(forgeError);
          failures.push({ sandbox, error: forgeError });
        }
      });
    });
  } finally {
    deps.model.clearPending(ids);
    await deps.model.refresh();
  }
  const first = failures[0];
  if (!first) return;
  if (failures.length === 1) throw first.error;
  throw new ForgeError((first.error.code ?? 'internal') as ForgeErrorCode, `${failures.length} of ${targets.length} sandboxes could not be ${words.done}. First: ${first.error.message}`, {
    ...(first.error.hint ? { hint: first.error.hint } : {}),
  });
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
