import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/vscode/commands/ids';
import { activateForge, contributedCommands } from './support/forge';

describe('Forge extension', () => {
  it('activates', async () => {
    const extension = await activateForge();
    assert.equal(extension.isActive, true);
  });

  it('registers every command its package.json contributes', async () => {
    await activateForge();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = contributedCommands().map((c) => c.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('runs forge.preview through the command system without throwing', async () => {
    await activateForge();
    // The placeholder awaits its notification; dismissing notifications lets the command finish.
    const ran = vscode.commands.executeCommand(CommandIds.preview);
    await settleWhileClearingNotifications(ran);
  });
});

async function settleWhileClearingNotifications(pending: Thenable<unknown>): Promise<void> {
  let settled = false;
  const done = Promise.resolve(pending).finally(() => {
    settled = true;
  });
  const deadline = Date.now() + 20_000;
  while (!settled && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (!settled) await vscode.commands.executeCommand('notifications.clearAll');
  }
  await done;
}
