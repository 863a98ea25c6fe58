import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { requireAutomation, screenshot, workbenchText } from './support/automation';
import { activateForge } from './support/forge';

describe('Workbench', () => {
  it('shows the Forge view container with its Sandboxes view in the side bar', async function () {
    requireAutomation(this);
    await activateForge();
    await vscode.commands.executeCommand('workbench.view.extension.forge');
    // Read from the rendered workbench: the side bar's title and the view's pane header, as a person sees them.
    // A lone view has no pane header of its own: the side bar's title names container and view ("FORGE: SANDBOXES").
    assert.match(await workbenchText('.part.sidebar .composite.title'), /forge: sandboxes/i);
    // Its body is drawn: tree rows or the welcome view, not an empty pane.
    assert.notEqual((await workbenchText('.part.sidebar .pane-body')).trim(), '');
    await screenshot('workbench-forge-view'); // an artifact for people; the assertions above are the check
  });
});
