import * as vscode from 'vscode';
import type { Preview } from '../../core/preview';
import type { Logger } from '../../common/logger';
import { SECTION } from '../config';
import type { LoadEngine } from '../engineLoader';
import { Disposable } from '../lifecycle/disposable';
import type { PreviewEntry } from '../previews/previewEntry';
import type { PreviewManager } from '../previews/previewManager';
import { EditorSync } from './editorSync';

/**
 * Keeps one EditorSync per ready preview while `forge.syncOnSave` is on: started when a preview becomes ready,
 * restarted when it is set up again, disposed when it stops or goes away. Loads the engine only for a ready preview.
 */
export class PreviewSyncManager extends Disposable {
  private readonly syncs = new Map<PreviewEntry, { readonly preview: Preview; readonly started: Promise<EditorSync | undefined> }>();
  private readonly watched = new Map<PreviewEntry, vscode.Disposable>();

  constructor(
    private readonly previews: PreviewManager,
    private readonly logger: Logger,
    /** Handed to each EditorSync (resyncCommand uses it too). */
    readonly loadEngine: LoadEngine,
  ) {
    super();
    this._register(previews.onDidChange(() => this.reconcile()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(`${SECTION}.syncOnSave`) && !event.affectsConfiguration(`${SECTION}.sync.includeIgnored`)) return;
        this.stopAll();
        this.reconcile();
      }),
    );
    this.reconcile();
  }

  /** The sync of a preview, once it has started (undefined when sync is off or the preview is not ready). */
  async syncFor(entry: PreviewEntry): Promise<EditorSync | undefined> {
    return this.syncs.get(entry)?.started;
  }

  private reconcile(): void {
    const entries = new Set(this.previews.all());
    for (const [entry, listener] of this.watched) {
      if (entries.has(entry)) continue;
      listener.dispose();
      this.watched.delete(entry);
      this.stop(entry);
    }
    for (const entry of entries) {
      if (!this.watched.has(entry)) this.watched.set(entry, entry.onDidChangeStatus(() => this.reconcileEntry(entry)));
      this.reconcileEntry(entry);
    }
  }

  private reconcileEntry(entry: PreviewEntry): void {
    // A restart in the same sandbox keeps the sync (a reinstall the sync itself started must not end it).
    // A branch / pull request preview runs the remote's code: local edits never go there.
    const wanted = LIVE_PHASES.has(entry.status().phase) && syncOnSave() && !entry.preview.info.key.ref;
    const current = this.syncs.get(entry);
    // The same folder set up again: a new Preview (maybe a new sandbox) needs a new sync.
    if (current && (!wanted || current.preview !== entry.preview)) this.stop(entry);
    if (!wanted || this.syncs.has(entry)) return;
    const started = EditorSync.start(entry, this.logger, this.loadEngine, () => {
      void this.previews.restartedElsewhere(entry, 'Dependencies reinstalled; restarting the dev server').catch((error: unknown) => {
        this.logger.warn(`${entry.title}: the dev server did not answer after the reinstall: ${error instanceof Error ? error.message : String(error)}`);
      });
    }).catch((error: unknown) => {
      this.logger.warn(`Sync on save could not start for ${entry.title}: ${error instanceof Error ? error.message : String(error)}`);
      entry.setSync('out-of-sync', 'Sync on save could not start; see the Forge log');
      return undefined;
    });
    this.syncs.set(entry, { preview: entry.preview, started });
  }

  private stop(entry: PreviewEntry): void {
    const current = this.syncs.get(entry);
    if (!current) return;
    this.syncs.delete(entry);
    void current.started.then((sync) => sync?.dispose());
    if (this.previews.all().includes(entry)) entry.setSync('off');
  }

  private stopAll(): void {
    for (const entry of [...this.syncs.keys()]) this.stop(entry);
  }

  override dispose(): void {
    this.stopAll();
    for (const listener of this.watched.values()) listener.dispose();
    super.dispose();
  }
}

/** The states in which the sandbox has the preview's files and takes uploads. */
const LIVE_PHASES: ReadonlySet<string> = new Set(['ready', 'restarting', 'starting']);

function syncOnSave(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>('syncOnSave', true);
}
