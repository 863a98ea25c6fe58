import type { DevServerNode } from './devServerNode';
import type { MessageNode } from './messageNode';
import type { PortNode } from './portNode';
import type { SandboxNode } from './sandboxNode';

/** Every kind of node in the Sandboxes view. */
export type ForgeTreeNode = SandboxNode | PortNode | DevServerNode | MessageNode;
