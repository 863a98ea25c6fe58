// Restricted Mode: Forge runs repository code (install scripts, the dev server) and git on the repository, so
// in an untrusted workspace it previews, syncs and reads nothing, and says how to trust the folder.
import * as vscode from 'vscode';
import { ForgeError } from '../common/errors';

export function requireTrustedWorkspace(doing: string): void {
  if (vscode.workspace.isTrusted) return;
  throw new ForgeError('untrusted', `Forge does not ${doing} in Restricted Mode: it would run this repository's code and git on it.`, {
    hint: 'If you trust this folder, run "Workspaces: Manage Workspace Trust" (or click "Restricted Mode" in the status bar) and trust it, then try again.',
  });
}
