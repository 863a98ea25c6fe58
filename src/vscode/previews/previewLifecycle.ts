// The progress notifications around a live preview's actions. What the actions do (restart, start again, pull and
// restart, each `ready` only once the new dev server answers) is the core session's (src/core/session/).
import * as vscode from 'vscode';
import type { PreviewEntry } from './previewEntry';

/** Restarts a preview's dev server in place and follows its new output; resolves once it answers. */
export async function restartWithProgress(entry: PreviewEntry, why = 'Restarting the dev server'): Promise<void> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Forge: ${why.toLowerCase()}` }, () => entry.session.restart(why));
}

/** `git pull` in the sandbox, reinstall when the lockfile changed, restart; cancellable from the notification. */
export async function pullWithProgress(entry: PreviewEntry): Promise<{ updated: boolean; reinstalled: boolean }> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Forge: pulling the latest commit', cancellable: true }, (_progress, cancel) => {
    const abort = new AbortController();
    cancel.onCancellationRequested(() => abort.abort());
    return entry.session.pullAndRestart(abort.signal);
  });
}
