import { quote } from 'shell-quote';
import type { WorkingTreeReader } from '../pipeline/workingTree';
import type { LogStream } from '../logs/lineBatcher';
import type { Preview } from '../preview';
import { homeRelative } from '../sandboxExec';
import type { Logger } from '../../common/logger';
import { eventsFromChanges, relativeToRoot, type FileEvent, type SyncState } from './events';
import { createSyncFilter } from './syncFilter';
import { SyncQueue } from './syncQueue';

export interface PreviewSyncOptions {
  readonly preview: Preview;
  readonly tree: WorkingTreeReader;
  readonly githubHost: string;
  /** `forge.sync.includeIgnored`. */
  readonly includeIgnored: readonly string[];
  readonly logger: Logger;
  /** How to reinstall when a manifest or lockfile changes; without it such changes are only uploaded. */
  readonly reinstall?: {
    readonly env: Readonly<Record<string, string>>;
    readonly useCacheVolume: boolean;
    readonly installTimeoutSeconds: number;
    readonly onLog: (text: string, stream: LogStream) => void;
    /** The dev server was restarted (its log stream is a new one). */
    readonly onRestarted?: () => void;
  };
  readonly onState?: (state: SyncState) => void;
  readonly onBatch?: (batch: { readonly uploaded: readonly string[]; readonly deleted: readonly string[]; readonly ms: number }) => void;
  readonly debounceMs?: number;
}

/** Live sync of one preview: feed it file events (absolute paths or repository-relative events); dispose to stop. */
export interface PreviewSync {
  /** The local repository root that event paths are relative to. */
  readonly root: string;
  readonly queue: SyncQueue;
  /** A change at an absolute path (a file watcher's view); paths outside the root are dropped. */
  pushAbsolute(kind: 'changed' | 'created' | 'deleted', absolute: string): void;
  /** An editor saved this file: a single known change, sent without waiting out the debounce. */
  pushSaved(absolute: string): void;
  /** Sends the whole difference between the sandbox's checkout and the working tree again, clearing an earlier failure. */
  resync(): Promise<SyncState>;
  dispose(): void;
}

export async function startPreviewSync(options: PreviewSyncOptions): Promise<PreviewSync> {
  const { preview, logger } = options;
  const facts = await options.tree.facts(preview.info.folder, options.githubHost);
  const root = facts.root;
  const reinstall = options.reinstall;
  const queue = new SyncQueue({
    sandbox: preview.sandbox,
    localRoot: root,
    repoPath: preview.info.repoPath,
    filter: createSyncFilter(root, options.includeIgnored),
    logger,
    ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}),
    ...(options.onState ? { onState: options.onState } : {}),
    ...(options.onBatch ? { onBatch: options.onBatch } : {}),
    ...(reinstall
      ? {
          onManifestChange: async (_paths: readonly string[], signal: AbortSignal) => {
            const result = await preview.reinstallAndRestart({ localRoot: root, env: reinstall.env, useCacheVolume: reinstall.useCacheVolume, installTimeoutSeconds: reinstall.installTimeoutSeconds, signal, onLog: reinstall.onLog });
            if (result.reinstalled) reinstall.onRestarted?.();
          },
        }
      : {}),
  });
  return {
    root,
    queue,
    pushAbsolute: (kind, absolute) => {
      const relative = relativeToRoot(root, absolute);
      if (relative !== undefined) queue.push({ kind, path: relative });
    },
    pushSaved: (absolute) => {
      const relative = relativeToRoot(root, absolute);
      if (relative !== undefined) queue.pushNow({ kind: 'changed', path: relative });
    },
    resync: async () => queue.flushNow(...(await fullDifference(options, root))),
    dispose: () => queue.dispose(),
  };
}

/**
 * What the sandbox lacks: the difference from the commit its checkout is at (plus the ignored files
 * `forge.sync.includeIgnored` opts in, which no git difference lists), or every file when it has no checkout.
 */
async function fullDifference(options: PreviewSyncOptions, root: string): Promise<FileEvent[]> {
  const optedIn = options.includeIgnored.map((p): FileEvent => ({ kind: 'changed', path: p.trim().replace(/^\.\//, '').replace(/\/+$/, '') })).filter((e) => e.path !== '');
  return [...(await checkoutDifference(options, root)), ...optedIn];
}

async function checkoutDifference(options: PreviewSyncOptions, root: string): Promise<FileEvent[]> {
  const { preview, tree } = options;
  const head = await preview.sandbox.process.executeCommand(`git -C ${quote([homeRelative(preview.info.repoPath)])} rev-parse HEAD`, undefined, undefined, 30);
  const commit = head.exitCode === 0 ? head.result.trim() : '';
  if (/^[0-9a-f]{40,64}$/.test(commit)) {
    const facts = await tree.facts(root, options.githubHost);
    return eventsFromChanges(await tree.changesSince(facts, commit));
  }
  const files = await tree.listFiles(root, options.includeIgnored);
  return files.map((file) => ({ kind: 'changed', path: file.path }));
}
