import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { requireAutomation, webviewText } from './support/automation';

// The helpers other suites use to look at webviews, checked on panels made here.
describe('UI automation helpers', () => {
  const panels: vscode.WebviewPanel[] = [];
  afterEach(() => {
    for (const panel of panels.splice(0)) panel.dispose();
  });

  function openPanel(title: string, body: string, documentTitle?: string): void {
    const panel = vscode.window.createWebviewPanel('forgeTest.helperCheck', title, vscode.ViewColumn.One, {});
    const head = documentTitle ? `<title>${documentTitle}</title>` : '';
    panel.webview.html = `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'">${head}</head><body>${body}</body></html>`;
    panels.push(panel);
  }

  it('reads a webview by CSS selector and by its document title', async function () {
    requireAutomation(this);
    openPanel('Helper check A', '<h1 id="greeting">Hello from a webview</h1><p>second line</p>', 'helper-check-document');
    assert.equal(await webviewText('#greeting'), 'Hello from a webview');
    assert.match(await webviewText('helper-check-document'), /Hello from a webview\s+second line/);
  });

  it('reads a webview by the title on its editor tab', async function () {
    requireAutomation(this);
    openPanel('Helper check B', '<p>only the tab title names me</p>');
    openPanel('Helper check C', '<p>the other panel</p>');
    assert.match(await webviewText('Helper check B'), /only the tab title names me/);
    assert.match(await webviewText('Helper check C'), /the other panel/);
  });

  it('says what it looked for when nothing matches', async function () {
    requireAutomation(this);
    await assert.rejects(webviewText('#no-such-element-anywhere', { timeoutMs: 1000 }), /no webview matches "#no-such-element-anywhere"/);
  });
});
