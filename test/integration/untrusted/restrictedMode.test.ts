import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ForgeError } from '../../../src/common/errors';
import type { TestingApi } from '../../../src/vscode/testing';
import { requireAutomation, screenshot, workbenchText } from '../support/automation';
import { TestEnv } from '../support/env';
import { activateForge } from '../support/forge';

// Workspace trust on, the folder not trusted (the harness's Restricted Mode cycle, test/host/untrustedWorkspace.ts).
// The folder's .git/config runs a hook on `git status` (core.fsmonitor) and on listing origin (uploadpack), and every
// git goes through a logging wrapper: Forge must preview, sync and list nothing, run no git in the folder, and say
// how to trust it.
describe('Forge in Restricted Mode: an untrusted folder gets no preview, no sync, no git call, and a clear message', function () {
  this.timeout(120_000);
  let testing: TestingApi;
  let folder: vscode.WorkspaceFolder;
  let dataDir: string;
  const hookMarker = process.env[TestEnv.hookMarker] ?? '';
  const gitLog = process.env[TestEnv.gitLog] ?? '';

  before(async () => {
    assert.ok(hookMarker && gitLog, 'the Restricted Mode cycle sets the hook marker and git log paths');
    assert.equal(vscode.workspace.isTrusted, false, 'the harness must open the folder untrusted (workspace trust on)');
    const extension = await activateForge();
    const api = (extension.exports as { testing?: TestingApi }).testing;
    assert.ok(api, 'the extension must expose its testing API (FORGE_TEST=1)');
    testing = api;
    const first = vscode.workspace.workspaceFolders?.[0];
    assert.ok(first, 'the test host must open a workspace folder');
    folder = first;
    dataDir = await mkdtemp(path.join(tmpdir(), 'forge-it-untrusted-'));
    // User settings (not the workspace's): Restricted Mode still honours them.
    const config = vscode.workspace.getConfiguration('forge');
    await config.update('backend', 'local', vscode.ConfigurationTarget.Global);
    await config.update('local.dataDir', dataDir, vscode.ConfigurationTarget.Global);
    await config.update('syncOnSave', true, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await rm(dataDir, { recursive: true, force: true });
  });

  /**
   * The error notification a person sees after running `command` (its own refusal, `doing`), which must name
   * Restricted Mode and the way out.
   */
  async function refusalShown(command: string, doing: string): Promise<string> {
    await vscode.commands.executeCommand('notifications.clearAll');
    // VS Code shows at most 3 new toasts in 800 ms (NotificationsToasts.SPAM_PROTECTION, vscode#107935); the rest go
    // only to the notification center. A person does not run four commands in a second: nor does this test.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // A command that went ahead could wait on a quick pick: never wait on it for long.
    await Promise.race([vscode.commands.executeCommand(command), new Promise((resolve) => setTimeout(resolve, 15_000))]);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    return workbenchText(`.notifications-toasts .notification-toast:visible:has-text("Forge does not ${doing} in Restricted Mode")`, { timeoutMs: 10_000 });
  }

  function assertSaysHowToTrust(text: string): void {
    assert.match(text, /Restricted Mode/);
    assert.match(text, /Manage Workspace Trust/, `the message must say how to trust the folder: ${text}`);
  }

  async function sandboxesCreated(): Promise<string[]> {
    return readdir(path.join(dataDir, 'sandboxes')).catch(() => []);
  }

  it('"Forge: Preview this repo" refuses with a message that says how to trust the folder; no sandbox, no panel', async function () {
    requireAutomation(this);
    const text = await refusalShown('forge.preview', 'preview a repository');
    assertSaysHowToTrust(text);
    const shot = await screenshot('restricted-mode-preview-refused');
    assert.ok(existsSync(shot));
    // The same refusal from the preview manager itself (what every path to a preview goes through).
    const error = await testing.previews.preview(folder).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof ForgeError && error.code === 'untrusted', `expected the untrusted refusal, got ${String(error)}`);
    assert.match(error.hint ?? '', /Manage Workspace Trust/);
    assert.deepEqual(await sandboxesCreated(), []);
    assert.deepEqual(testing.previews.all(), []);
    const panels = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview);
    assert.deepEqual(panels.map((t) => t.label), [], 'no preview panel opens');
  });

  it('"Preview Branch or Pull Request…" refuses before listing origin (which would run its uploadpack)', async function () {
    requireAutomation(this);
    assertSaysHowToTrust(await refusalShown('forge.preview.ref', 'list branches and pull requests'));
    assert.deepEqual(await sandboxesCreated(), []);
  });

  it('"Restart Preview" and "Resync" refuse too, and a saved edit goes nowhere', async function () {
    requireAutomation(this);
    assertSaysHowToTrust(await refusalShown('forge.preview.restart', 'preview a repository'));
    assertSaysHowToTrust(await refusalShown('forge.preview.resync', 'sync edits to a sandbox'));
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'index.html'));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(0, 0), '<!-- edited in Restricted Mode -->\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await document.save());
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.deepEqual(await sandboxesCreated(), [], 'a save in Restricted Mode reached a sandbox');
    assert.deepEqual(testing.previews.all(), []);
  });

  it('no git ran in the folder and neither of its hooks fired; both fire for plain git (the control)', async () => {
    const inFolder = (line: string): boolean => line.includes(folder.uri.fsPath);
    const calls = existsSync(gitLog) ? readFileSync(gitLog, 'utf8').split('\n').filter(Boolean) : [];
    assert.deepEqual(calls.filter(inFolder), [], 'git calls in the untrusted folder');
    assert.equal(existsSync(hookMarker) ? readFileSync(hookMarker, 'utf8') : '', '', 'the folder\'s git hooks ran');

    // The control: the same repository, copied, with plain git through the same PATH: the wrapper logs it and
    // both hooks run, so the empty log and marker above are not the test's blindness.
    const copy = await mkdtemp(path.join(tmpdir(), 'forge-it-untrusted-copy-'));
    try {
      await cp(folder.uri.fsPath, copy, { recursive: true });
      await run('git', ['status', '--porcelain'], copy);
      await run('git', ['ls-remote', 'origin'], copy);
      const marker = readFileSync(hookMarker, 'utf8');
      assert.match(marker, new RegExp(`fsmonitor ${literal(copy)}`));
      assert.match(marker, /uploadpack /);
      assert.ok(readFileSync(gitLog, 'utf8').includes(copy), 'the git wrapper logged the control');
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});

function run(command: string, args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { cwd }, (error, stdout, stderr) => (error ? reject(new Error(`${command} ${args.join(' ')}: ${stderr}`)) : resolve(stdout)));
  });
}

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
