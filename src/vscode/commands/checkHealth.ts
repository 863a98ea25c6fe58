import * as vscode from 'vscode';
import { ForgeError } from '../../core/types';
import type { PreviewManager } from '../previews/previewManager';

/** "Forge: Check Preview Health": sandbox state, dev-server process, and whether the preview URL answers. */
export async function checkHealthCommand(previews: PreviewManager): Promise<void> {
  const entry = previews.all()[0];
  if (!entry) throw new ForgeError('internal', 'There is no preview in this window.', { hint: 'Run "Forge: Preview this repo" first.' });
  const health = await entry.preview.health();
  const answered = health.httpStatus !== undefined ? `answers HTTP ${health.httpStatus} in ${health.responseMs ?? 0} ms` : 'does not answer';
  const summary = `Sandbox ${health.sandboxState}; dev server ${health.devServerRunning ? 'running' : 'not running'}; preview ${answered}.`;
  const healthy = health.sandboxState === 'started' && health.devServerRunning && health.httpStatus !== undefined && health.httpStatus < 500;
  if (healthy) {
    void vscode.window.showInformationMessage(`Forge: ${summary}`);
    return;
  }
  const choice = await vscode.window.showWarningMessage(`Forge: ${summary}`, 'Restart Preview');
  if (choice) await vscode.commands.executeCommand('forge.preview.restart');
}
