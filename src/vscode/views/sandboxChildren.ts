import { DevServerNode } from './devServerNode';
import { PortNode } from './portNode';
import type { SandboxNode } from './sandboxNode';
import { presentSandbox } from './sandboxPresentation';

/** A port the sandbox listens on while its preview is open (SandboxPorts). */
export interface WatchedPort {
  readonly port: number;
  readonly preview: boolean;
  readonly label?: string;
}

/**
 * The children of a sandbox node: the ports it listens on (`watched`, the preview's first) or, when none are
 * watched, its preview port if known; then its dev server. Apart from SandboxNode, which the children name as
 * their parent, so the three files form no import cycle.
 */
export function sandboxChildren(node: SandboxNode, watched: readonly WatchedPort[] = []): (PortNode | DevServerNode)[] {
  const p = presentSandbox(node.summary, { isCurrent: false, now: Date.now() });
  if (!p.hasChildren) return [];
  const ports = watched.length > 0 ? watched.map((w) => new PortNode(node, w.port, w)) : p.port !== undefined ? [new PortNode(node, p.port)] : [];
  return [...ports, new DevServerNode(node)];
}
