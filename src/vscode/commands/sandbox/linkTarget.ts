import { ActionRules } from '../../views/actionRules';
import { PortNode } from '../../views/portNode';
import type { LinkTarget } from '../../views/previewLink';
import { previewPort } from '../../views/sandboxPresentation';
import type { SandboxCommandDeps } from './deps';
import { resolveTargets } from './targets';

/** The sandbox (and port, for a port node) that "Copy Preview Link" / "Open in Browser" sign a link for. */
export async function linkTarget(deps: SandboxCommandDeps, title: string, node: unknown): Promise<LinkTarget | undefined> {
  if (node instanceof PortNode) return { sandboxId: node.parent.id, port: node.port };
  const spec = { applies: ActionRules.link, title, canPickMany: false, noneMessage: 'No running sandbox to link to.' };
  const [target] = await resolveTargets(deps.model, spec, node, undefined);
  if (!target) return undefined;
  const labelPort = previewPort(target.labels);
  return { sandboxId: target.id, ...(labelPort !== undefined ? { labelPort } : {}) };
}
