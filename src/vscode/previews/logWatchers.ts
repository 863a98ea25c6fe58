// Feeds each preview's LogWatch (logWatch.ts) with what VS Code shows: its Output channel in a visible editor (the
// Output view's document has the `output` scheme and ends with the channel's name) and its preview panel's
// visibility. The session closes the log stream when its watch says nobody watches, and resumes it after what was
// shown when someone watches again.
import * as vscode from 'vscode';
import { LogWatch, realWatchTimers, WATCH_GRACE_MS, type WatchTimers } from './logWatch';
import type { PreviewPanelRegistry } from './panelRegistry';
import type { PreviewEntry } from './previewEntry';

export interface WatchedPreviews {
  all(): readonly PreviewEntry[];
  readonly onDidChange: vscode.Event<void>;
}

export function watchPreviewLogs(previews: WatchedPreviews, panels: PreviewPanelRegistry, timers: WatchTimers = realWatchTimers, graceMs = WATCH_GRACE_MS): vscode.Disposable {
  const watches = new Map<PreviewEntry, LogWatch>();
  const panelListeners = new Map<object, vscode.Disposable>();
  const refresh = (): void => {
    const entries = new Set(previews.all());
    for (const [entry, watch] of watches) {
      if (entries.has(entry)) continue;
      watch.dispose();
      watches.delete(entry);
    }
    const outputs = vscode.window.visibleTextEditors.map((editor) => editor.document.uri).filter((uri) => uri.scheme === 'output');
    for (const entry of entries) {
      let watch = watches.get(entry);
      if (!watch) {
        watch = new LogWatch((following) => entry.session.setWatched(following), timers, graceMs);
        watches.set(entry, watch);
      }
      watch.setVisible('output', outputs.some((uri) => showsChannel(uri, entry.log.channel.name)));
      watch.setVisible('panel', panels.panelFor(entry.sandboxId)?.panel.visible ?? false);
    }
  };
  const listenToPanel = (panel: { readonly panel: vscode.WebviewPanel }): void => {
    panelListeners.get(panel)?.dispose();
    const listeners = vscode.Disposable.from(
      panel.panel.onDidChangeViewState(refresh),
      panel.panel.onDidDispose(() => {
        listeners.dispose();
        panelListeners.delete(panel);
        refresh();
      }),
    );
    panelListeners.set(panel, listeners);
  };
  for (const panel of panels.all()) listenToPanel(panel);
  const subscriptions = [
    vscode.window.onDidChangeVisibleTextEditors(refresh),
    previews.onDidChange(refresh),
    panels.onDidOpen((panel) => {
      listenToPanel(panel);
      refresh();
    }),
    panels.onDidClose(refresh),
  ];
  refresh();
  return new vscode.Disposable(() => {
    for (const subscription of subscriptions) subscription.dispose();
    for (const listeners of panelListeners.values()) listeners.dispose();
    for (const watch of watches.values()) watch.dispose();
    watches.clear();
  });
}

/** Whether an `output:` document is this channel's (its path ends with the channel's name). */
function showsChannel(uri: vscode.Uri, name: string): boolean {
  return uri.path.endsWith(name) || decodeURIComponent(uri.toString()).endsWith(name);
}
