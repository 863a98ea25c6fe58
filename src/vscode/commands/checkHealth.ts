import * as vscode from 'vscode';
import { ForgeError } from '../../common/errors';
import { CommandIds } from './ids';
import type { PreviewEntry } from '../previews/previewEntry';
import type { PreviewManager } from '../previews/previewManager';

/**
 * "Forge: Check Preview Health": the preview's state (what the panel, the status bar and the tree show), then
 * the sandbox, the dev-server process, and whether the preview URL answers. Healthy only when all agree.
 */
export async function checkHealthCommand(previews: PreviewManager): Promise<void> {
  const entry = previews.all().find((e) => e === previews.current()) ?? previews.all()[0];
  if (!entry) throw new ForgeError('internal', 'There is no preview in this window.', { hint: 'Run "Forge: Preview this repo" first.' });
  const report = await previewHealth(entry);
  if (report.healthy) {
    void vscode.window.showInformationMessage(`Forge: ${report.summary}`);
    return;
  }
  const choice = await vscode.window.showWarningMessage(`Forge: ${report.summary}`, ...(report.canRestart ? ['Restart Preview'] : []));
  if (choice) await vscode.commands.executeCommand(CommandIds.restartPreview);
}

/** What the health check says of a preview: its state first, then what the sandbox and the URL answer. */
export async function previewHealth(entry: PreviewEntry): Promise<{ readonly healthy: boolean; readonly summary: string; readonly canRestart: boolean }> {
  const status = entry.status();
  if (status.phase === 'deleted') {
    return { healthy: false, canRestart: false, summary: 'This preview\'s sandbox was deleted. Run "Forge: Preview this repo" to set it up again.' };
  }
  const health = await entry.preview.health();
  const answered = health.httpStatus !== undefined ? `answers HTTP ${health.httpStatus} in ${health.responseMs ?? 0} ms` : 'does not answer';
  const summary = `Preview ${status.words}. Sandbox ${health.sandboxState}; dev server ${health.devServerRunning ? 'running' : 'not running'}; preview ${answered}.`;
  const answers = health.httpStatus !== undefined && health.httpStatus < 500;
  const healthy = status.phase === 'ready' && health.sandboxState === 'started' && health.devServerRunning && answers;
  const waiting = status.phase === 'setting-up' || status.phase === 'restarting' || status.phase === 'starting';
  return { healthy, canRestart: !waiting, summary: waiting ? `${summary} ${status.message ?? ''}`.trim() : summary };
}
