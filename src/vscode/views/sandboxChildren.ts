import { DevServerNode } from './devServerNode';
import { PortNode } from './portNode';
import type { SandboxNode } from './sandboxNode';
import { presentSandbox } from './sandboxPresentation';

/** The children of a sandbox node: its preview port, when known, and its dev server. Apart from SandboxNode, which the children name as their parent, so the three files form no import cycle. */
export function sandboxChildren(node: SandboxNode): (PortNode | DevServerNode)[] {
  const p = presentSandbox(node.summary, { isCurrent: false, now: Date.now() });
  if (!p.hasChildren) return [];
  return [...(p.port !== undefined ? [new PortNode(node, p.port)] : []), new DevServerNode(node)];
}
