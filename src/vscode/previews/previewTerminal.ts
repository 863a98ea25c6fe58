import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TerminalTarget } from '../../core/terminal/terminalSession';
import type { BackendManager } from '../backend';
import { readPreviewSettings } from '../config';
import type { LoadEngine } from '../engineLoader';
import type { PreviewEntry } from './previewEntry';

/** Where a terminal on a sandbox opens: a preview's app folder with its env, or the sandbox's home. */
export async function terminalTargetOf(entry: PreviewEntry | undefined, sandboxId: string, backends: BackendManager, loadEngine: LoadEngine): Promise<TerminalTarget> {
  if (entry) {
    const { repoPath, app, port } = entry.preview.info;
    const settings = await readPreviewSettings(vscode.Uri.parse(entry.folderKey));
    return { process: entry.preview.sandbox.process, cwd: path.posix.join(repoPath, app.installPath), envs: { ...app.env, PORT: String(port), ...settings.envVars } };
  }
  const backend = await backends.get();
  const sandbox = await loadEngine().withSandboxErrors('opening the sandbox', backend.displayName, () => backend.daytona.get(sandboxId));
  return { process: sandbox.process };
}
