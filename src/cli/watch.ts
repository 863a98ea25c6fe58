import { watch, type FSWatcher } from 'node:fs';
import * as path from 'node:path';
import type { PreviewSettings } from '../core/pipeline/settings';
import type { WorkingTreeReader } from '../core/pipeline/workingTree';
import type { Preview } from '../core/preview';
import { startPreviewSync, type PreviewSync } from '../core/sync/previewSync';
import type { Logger } from '../common/logger';

export interface WatchOptions {
  readonly preview: Preview;
  readonly tree: WorkingTreeReader;
  readonly settings: PreviewSettings;
  readonly logger: Logger;
  /** Install and dev-server output after a reinstall. */
  readonly onLog: (text: string) => void;
  /** The dev server was restarted after a reinstall (follow its new log). */
  readonly onRestarted: () => void;
  readonly write: (line: string) => void;
}

/**
 * `forge preview --watch`: every change under the repository root goes to the sandbox (the same queue, filter and
 * reinstall rules as the editor's sync on save). Each batch and every change of state is a line on stderr.
 */
export async function watchAndSync(options: WatchOptions): Promise<{ readonly sync: PreviewSync; close(): void }> {
  const { settings } = options;
  const sync = await startPreviewSync({
    preview: options.preview,
    tree: options.tree,
    githubHost: settings.githubHost,
    includeIgnored: settings.includeIgnored,
    logger: options.logger,
    reinstall: {
      env: settings.envVars,
      useCacheVolume: Boolean(settings.cacheVolume),
      installTimeoutSeconds: settings.installTimeoutSeconds,
      onLog: options.onLog,
      onRestarted: options.onRestarted,
    },
    onBatch: (batch) => {
      const names = [...batch.uploaded, ...batch.deleted.map((p) => `-${p}`)];
      options.write(`forge: synced ${names.length} change${names.length === 1 ? '' : 's'} in ${batch.ms} ms: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}\n`);
    },
    onState: (state) => {
      if (state.phase === 'out-of-sync') options.write(`forge: out of sync: ${state.reason ?? 'unknown reason'}\n`);
      else if (state.reason) options.write(`forge: ${state.reason}…\n`);
    },
  });
  // Linux has recursive fs.watch since Node 20; `filename` is relative to the watched root.
  const watcher: FSWatcher = watch(sync.root, { recursive: true }, (_event, filename) => {
    // A "rename" is a creation or a deletion: the queue looks at the file to tell which.
    if (filename) sync.pushAbsolute('changed', path.join(sync.root, filename.toString()));
  });
  watcher.on('error', (error) => options.write(`forge: warning: watching ${sync.root} stopped: ${error.message}\n`));
  options.write(`forge: watching ${sync.root} for changes\n`);
  return {
    sync,
    close: () => {
      watcher.close();
      sync.dispose();
    },
  };
}
