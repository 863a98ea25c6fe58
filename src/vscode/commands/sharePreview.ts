// Share Preview… and Revoke Shared Preview Links… (issue 19). Both accept a sandbox id (the panel passes its own);
// anything else (a tree node, nothing) means the current folder's preview. Share also accepts a lifetime in seconds
// (keybindings, tests): it is checked like a typed one (1 min to 24 h), never widened.
import type { Logger } from '../../common/logger';
import type { PreviewPanels } from '../previews/registerPreviewPanels';
import { revokeSharedLinks, sharePreview, shareTarget } from '../previews/panelTools/shareCommand';
import type { PreviewRegistry } from '../previews/types';

export interface ShareCommandDeps {
  readonly registry: PreviewRegistry;
  readonly panels: Pick<PreviewPanels, 'panelFor'>;
  readonly logger: Logger;
}

export async function sharePreviewCommand(deps: ShareCommandDeps, sandboxId?: unknown, seconds?: unknown): Promise<{ id: string; expiresAt: number; seconds: number } | undefined> {
  const source = await shareTarget(deps.registry, sandboxId);
  const result = await sharePreview(source, deps.logger, typeof seconds === 'number' ? seconds : undefined);
  if (!result) return undefined;
  deps.panels.panelFor(source.sandboxId)?.showShares(result);
  return { id: result.entry.id, expiresAt: result.entry.expiresAt, seconds: result.entry.seconds };
}

export async function revokeSharedLinksCommand(deps: ShareCommandDeps, sandboxId?: unknown): Promise<number> {
  const source = await shareTarget(deps.registry, sandboxId);
  const count = await revokeSharedLinks(source, deps.logger);
  deps.panels.panelFor(source.sandboxId)?.showShares();
  return count;
}
