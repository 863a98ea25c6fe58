import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/vscode/commands/ids';
import type { TestingApi } from '../../src/vscode/testing';
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

  it('runs forge.preview through the command system and leaves a running sandbox, which it then removes', async function () {
    this.timeout(300_000);
    const testing = testingApi(await activateForge());
    const { daytona } = await testing.backends.get();
    const before = await sandboxIds(daytona);
    // Progress and information notifications would wait for a person; dismissing them lets the command finish.
    await settleWhileClearingNotifications(vscode.commands.executeCommand(CommandIds.preview));
    const created = [...(await sandboxIds(daytona))].filter(([id]) => !before.has(id));
    try {
      assert.deepEqual(
        created.map(([, state]) => state),
        ['started'],
        `forge.preview should leave one started sandbox; recent Forge log:\n${testing.logger.recent().slice(-15).join('\n')}`,
      );
    } finally {
      // Later suites expect the backend as they found it.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const [id] of created) {
        await (await daytona.get(id)).delete(60).catch(() => undefined);
        await testing.previews.forget(id);
      }
    }
  });
});

type Daytona = Awaited<ReturnType<TestingApi['backends']['get']>>['daytona'];

async function sandboxIds(daytona: Daytona): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for await (const sandbox of daytona.list()) ids.set(sandbox.id, String(sandbox.state));
  return ids;
}

function testingApi(extension: vscode.Extension<unknown>): TestingApi {
  const api = (extension.exports as { testing?: TestingApi } | undefined)?.testing;
  assert.ok(api, 'Forge exposes no testing API: the test host must set FORGE_TEST=1');
  return api;
}

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
