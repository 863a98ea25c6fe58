import * as vscode from 'vscode';
import type { PreviewSync } from '../../core/sync/previewSync';
import type { Logger } from '../../common/logger';
import { readPreviewSettings } from '../config';
import type { LoadEngine } from '../engineLoader';
import { Disposable } from '../lifecycle/disposable';
import type { PreviewEntry } from '../previews/previewEntry';
import { requireTrustedWorkspace } from '../trust';

/**
 * Sync on save for one preview: a file system watcher on the repository (saves, creations, deletions, also from
 * outside the editor) and the editor's own renames feed the engine's sync queue; its state shows on the entry.
 */
export class EditorSync extends Disposable {
  private constructor(
    readonly entry: PreviewEntry,
    readonly sync: PreviewSync,
  ) {
    super();
    const root = vscode.Uri.file(sync.root);
    this._register(sync);
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, '**/*')));
    this._register(watcher.onDidChange((uri) => sync.pushAbsolute('changed', uri.fsPath)));
    this._register(watcher.onDidCreate((uri) => sync.pushAbsolute('created', uri.fsPath)));
    this._register(watcher.onDidDelete((uri) => sync.pushAbsolute('deleted', uri.fsPath)));
    // An editor save is known at once and whole: sent without the debounce. The watcher reports it too, later (the
    // queue does not send the same bytes twice).
    this._register(
      vscode.workspace.onDidSaveTextDocument((document) => {
        if (document.uri.scheme === 'file') sync.pushSaved(document.uri.fsPath);
      }),
    );
    this._register(
      // The watcher sees a rename as a deletion and a creation; the editor's event names both ends at once.
      vscode.workspace.onDidRenameFiles((event) => {
        for (const { oldUri, newUri } of event.files) {
          sync.pushAbsolute('deleted', oldUri.fsPath);
          sync.pushAbsolute('created', newUri.fsPath);
        }
      }),
    );
  }

  /** `onRestarted` runs after a reinstall restarted the dev server (the caller waits for it to answer). */
  static async start(entry: PreviewEntry, logger: Logger, loadEngine: LoadEngine, onRestarted: () => void = () => undefined): Promise<EditorSync> {
    requireTrustedWorkspace('sync edits to a sandbox');
    const preview = entry.preview;
    const settings = await readPreviewSettings(vscode.Uri.file(preview.info.folder));
    const engine = loadEngine();
    const sync = await engine.startPreviewSync({
      preview,
      tree: engine.createWorkingTreeReader(logger),
      githubHost: settings.githubHost,
      includeIgnored: settings.includeIgnored,
      logger,
      reinstall: {
        env: settings.envVars,
        useCacheVolume: Boolean(settings.cacheVolume),
        installTimeoutSeconds: settings.installTimeoutSeconds,
        onLog: (text) => entry.log.append(text),
        onRestarted: () => {
          entry.log.note('Dependencies reinstalled; the dev server restarted');
          entry.followLogs();
          onRestarted();
        },
      },
      onState: (state) => entry.setSync(state.phase, state.reason),
    });
    entry.setSync('synced');
    logger.info(`Sync on save: watching ${sync.root} for ${entry.title}`);
    return new EditorSync(entry, sync);
  }
}
