// The preview split beside the editor at a narrow width: the toolbar wraps and keeps every button inside the panel
// (its scrollWidth never exceeds its clientWidth, published by media/panelTools/toolbarFit.ts). Screenshot kept.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Logger } from '../../src/common/logger';
import type { PreviewPanel } from '../../src/vscode/previews/previewPanel';
import { PreviewPanelRegistry } from '../../src/vscode/previews/panelRegistry';
import { FakePreviewSource, TestApp, waitUntil } from './previewPanelFakes';
import { requireAutomation, screenshot, webviewText } from './support/automation';
import { webviewAct, webviewQuery } from './support/webviewActions';
import { forgeExtension } from './support/forge';

const logger: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('Preview panel split beside the editor, narrow', function () {
  this.timeout(90_000);
  let app: TestApp;
  let panel: PreviewPanel | undefined;

  before(async () => {
    app = await TestApp.start(`Forge narrow app ${Date.now().toString(36)}`);
  });
  after(async () => {
    panel?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.editorLayoutSingle');
    await app.close();
  });

  // 30 % of the editor area is about 330 px here, 22 % about 240 px. Each width is checked twice: the plain toolbar,
  // then its busiest form (a custom device size adds the W×H field and the size label).
  for (const share of [0.3, 0.22]) {
    it(`keeps every toolbar button inside a panel at ${Math.round(share * 100)} % of the editor area`, async function () {
      requireAutomation(this);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const doc = await vscode.workspace.openTextDocument({ content: 'export const beside = 1;\n', language: 'typescript' });
      await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
      const source = new FakePreviewSource(`sbx-narrow-${share}`, 'acme/narrow · main', [app]);
      // The test's own panel registry (the extension's belongs to its activate()).
      panel = new PreviewPanelRegistry({ extensionUri: forgeExtension().extensionUri }, logger).show(source, vscode.ViewColumn.Two);
      await vscode.commands.executeCommand('vscode.setEditorLayout', { orientation: 0, groups: [{ size: 1 - share }, { size: share }] });
      await waitUntil('the app in the frame', async () => (await webviewText('#forge-test-marker').catch(() => '')).includes(app.marker), 30_000);
      await expectToolbarFits(`preview-narrow-${Math.round(share * 100)}`, () => Promise.resolve(true));
      await webviewAct('#device', 'select', 'custom');
      await expectToolbarFits(`preview-narrow-${Math.round(share * 100)}-custom`, async () => /×/.test((await webviewQuery('#frame-size')).text));
      panel.dispose();
      panel = undefined;
    });
  }
});

/** Waits until `ready` and the toolbar is measured at a narrow width, screenshots it, then checks nothing sticks out. */
async function expectToolbarFits(name: string, ready: () => Promise<boolean>): Promise<void> {
  let last = { width: 0, attribute: null as string | null };
  await waitUntil(`the toolbar measured at the narrow width (${name})`, async () => {
    last = await webviewQuery('header.toolbar', 'data-overflow').catch(() => last);
    return last.attribute !== null && last.width > 0 && last.width < 500 && (await ready().catch(() => false));
  }, 20_000);
  // The fit is published by observers: read it again once the screenshot is taken, so both describe one layout.
  const file = await screenshot(name);
  last = await webviewQuery('header.toolbar', 'data-overflow');
  const out = (await webviewQuery('header.toolbar', 'data-overflowing')).attribute;
  console.log(`[narrow] ${name}: toolbar ${last.width}px wide, overflow ${String(last.attribute)} px [${String(out)}] (${file})`);
  assert.equal(last.attribute, '0', `the toolbar overflows by ${String(last.attribute)} px at ${last.width} px (${name}): ${String(out)}`);
}
