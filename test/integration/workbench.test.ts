import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { requireAutomation, screenshot } from './support/automation';
import { activateForge } from './support/forge';

describe('Workbench', () => {
  it('shows the Forge view container and takes a screenshot of the workbench', async function () {
    requireAutomation(this);
    await activateForge();
    await vscode.commands.executeCommand('workbench.view.extension.forge');
    const file = await screenshot('workbench-forge-view');
    const size = fs.statSync(file).size;
    assert.ok(size > 10_000, `${file} is only ${size} bytes: probably a blank page`);
  });
});
