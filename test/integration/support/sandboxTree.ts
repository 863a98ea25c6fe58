import * as assert from 'node:assert/strict';
import type { TestingApi } from '../../../src/vscode/testing';
import type { SandboxNode } from '../../../src/vscode/views/sandboxNode';

/** The Sandboxes view's node of a sandbox, after a fresh list (fails the test when the tree does not show it). */
export async function sandboxTreeNode(testing: TestingApi, sandboxId: string): Promise<SandboxNode> {
  await testing.sandboxesView.model.refresh();
  await testing.sandboxesView.provider.getChildren();
  const node = testing.sandboxesView.provider.sandboxNodes().find((n) => n.id === sandboxId);
  assert.ok(node, `no tree node for sandbox ${sandboxId}`);
  return node;
}
