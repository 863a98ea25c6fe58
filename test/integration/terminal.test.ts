import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Daytona } from '@daytonaio/sdk';
import type { TestingApi } from '../../src/vscode/testing';
import { automationAvailable, screenshot, terminalText } from './support/automation';
import { eventually, setUpPreviewWorkspace, type PreviewWorkspace } from './support/previewWorkspace';

const TOKEN = 'ghp_forgeTerminalToken0123456789abcdefgh';

// "Forge: Open Terminal in Sandbox" on a previewed sandbox in the real VS Code: a Pseudoterminal on a PTY of
// the local backend, read back from the terminal's own screen (xterm's DOM renderer).
describe('Forge: Open Terminal in Sandbox', function () {
  this.timeout(300_000);
  let workspace: PreviewWorkspace;
  let testing: TestingApi;

  before(async function () {
    if (!automationAvailable()) this.skip(); // the terminal's screen is read through the browser page
    workspace = await setUpPreviewWorkspace({ token: TOKEN, slug: 'acme/terminal-app' });
    testing = workspace.testing;
    await vscode.workspace.getConfiguration('terminal.integrated').update('gpuAcceleration', 'off', vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('forge').update('sandbox.envVars', { FORGE_TERMINAL_PROBE: 'probe-value' }, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('forge.preview');
  });

  after(async () => {
    for (const terminal of vscode.window.terminals) terminal.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('forge').update('sandbox.envVars', undefined, vscode.ConfigurationTarget.Global);
    await workspace?.dispose();
  });

  // The extension's client is the SDK's Daytona behind the core's port; the test reads PTY details the port leaves out.
  const sdkClient = async (): Promise<Daytona> => (await testing.backends.get()).daytona as unknown as Daytona;

  async function ptyIds(sandboxId: string): Promise<string[]> {
    const sandbox = await (await sdkClient()).get(sandboxId);
    return (await sandbox.process.listPtySessions()).map((s) => s.id);
  }

  async function openTerminal(): Promise<{ terminal: vscode.Terminal; ptyId: string }> {
    const before = new Set(testing.terminals.keys());
    await vscode.commands.executeCommand('forge.sandbox.openTerminal');
    const terminal = [...testing.terminals.keys()].find((t) => !before.has(t));
    assert.ok(terminal, 'the command must open a terminal');
    return { terminal, ptyId: (testing.terminals.get(terminal) as { ptyId: string }).ptyId };
  }

  async function screenShows(pattern: RegExp): Promise<void> {
    let seen = '';
    await eventually(async () => pattern.test((seen = await terminalText())), 20_000, () => `the terminal shows: ${seen.slice(-800)}`);
  }

  it('opens in the app folder with the dev server env; typing, Ctrl-C and resize reach the PTY; closing ends it', async () => {
    const entry = testing.previews.all()[0];
    assert.ok(entry, 'a preview must exist');
    const { terminal, ptyId } = await openTerminal();
    assert.match(terminal.name, /^Forge: /);
    await eventually(async () => (await ptyIds(entry.sandboxId)).includes(ptyId), 20_000, () => 'the PTY to exist in the sandbox');

    terminal.sendText('echo "pwd=$PWD"');
    const app = path.posix.join(path.posix.basename(entry.preview.info.repoPath), entry.preview.info.app.installPath).replace(/\/$/, '');
    await screenShows(new RegExp(`pwd=\\S*/${app.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s`));
    terminal.sendText('echo "probe=$FORGE_TERMINAL_PROBE port=$PORT"');
    await screenShows(new RegExp(`probe=probe-value port=${entry.preview.info.port}`));

    terminal.sendText('sleep 300');
    await new Promise((r) => setTimeout(r, 500));
    terminal.sendText('\x03', false);
    terminal.sendText('echo after-ctrl-c-$((40+2))');
    await screenShows(/after-ctrl-c-42/);

    const sandbox = await (await sdkClient()).get(entry.sandboxId);
    const before = await sandbox.process.getPtySessionInfo(ptyId);
    await vscode.commands.executeCommand('workbench.action.toggleMaximizedPanel');
    let after = before;
    await eventually(async () => {
      after = await sandbox.process.getPtySessionInfo(ptyId);
      return after.rows !== before.rows;
    }, 20_000, () => `rows stayed ${before.rows}`);
    terminal.sendText('stty size');
    await screenShows(new RegExp(`\\n${after.rows} ${after.cols}\\s`));
    await vscode.commands.executeCommand('workbench.action.toggleMaximizedPanel');

    terminal.show(); // below the preview panel, which the preview opened
    await new Promise((r) => setTimeout(r, 1_000));
    const file = await screenshot('terminal-beside-preview');
    console.log(`[terminal] screenshot ${file}`);

    terminal.dispose();
    await eventually(async () => !(await ptyIds(entry.sandboxId)).includes(ptyId), 20_000, () => 'closing the terminal to end the PTY');
  });

  it('a dropped connection says so, and Enter reconnects to the same shell; two terminals run side by side', async () => {
    const entry = testing.previews.all()[0];
    assert.ok(entry);
    const { connection } = await testing.backends.get();
    const faults = await fetch(`${connection.apiUrl.replace(/\/api$/, '')}/_forge/faults`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${connection.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ path: '/process/pty/create-connect$', effect: { kind: 'dropWebSocket', afterMs: 3000 } }),
    });
    assert.equal(faults.status, 200, await faults.text());
    const first = await openTerminal();
    first.terminal.sendText('export MARK=kept-$((3*3))');
    await screenShows(/was lost .*Press Enter to reconnect/s);
    first.terminal.sendText('', true);
    await screenShows(/Reconnected\./);
    first.terminal.sendText('echo "mark=$MARK"');
    await screenShows(/mark=kept-9/);

    const second = await openTerminal();
    assert.notEqual(second.ptyId, first.ptyId);
    let ids: string[] = [];
    await eventually(async () => (ids = await ptyIds(entry.sandboxId)).includes(first.ptyId) && ids.includes(second.ptyId), 20_000, () => `PTYs: ${ids.join(', ')}`);
    second.terminal.sendText('echo second-$((1+1))');
    await screenShows(/second-2/);
    second.terminal.dispose();
    first.terminal.dispose();
    await eventually(async () => (await ptyIds(entry.sandboxId)).length === 0, 20_000, () => 'both PTYs to end');
  });
});
