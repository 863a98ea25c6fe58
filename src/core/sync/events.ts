import * as path from 'node:path';
import type { LocalChange } from '../types';

/** A change seen in the working tree (editor save, file watcher). Paths are relative to the repository root, with `/`. */
export type FileEvent =
  | { readonly kind: 'changed' | 'created' | 'deleted'; readonly path: string }
  | { readonly kind: 'renamed'; readonly from: string; readonly path: string };

/** Whether the sandbox has what the working tree has. `reason` says why not (for a status bar tooltip or a log line). */
export interface SyncState {
  readonly phase: 'synced' | 'syncing' | 'out-of-sync';
  readonly reason?: string;
}

/** Files whose change means the dependencies must be installed again (and the dev server restarted). */
const MANIFESTS: ReadonlySet<string> = new Set([
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'bun.lock',
  'bun.lockb',
  '.npmrc',
  '.yarnrc.yml',
]);

export function isManifestPath(relative: string): boolean {
  return MANIFESTS.has(path.posix.basename(relative));
}

/** A difference git computed (pipeline, resync) as watcher-style events. */
export function eventsFromChanges(changes: readonly LocalChange[]): FileEvent[] {
  return changes.map((change): FileEvent => {
    switch (change.kind) {
      case 'renamed':
        return { kind: 'renamed', from: change.from, path: change.path };
      case 'deleted':
        return { kind: 'deleted', path: change.path };
      case 'added':
        return { kind: 'created', path: change.path };
      case 'modified':
        return { kind: 'changed', path: change.path };
    }
  });
}

/** `absolute` relative to `root` with `/`, or undefined when it is the root itself or lies outside it. */
export function relativeToRoot(root: string, absolute: string): string | undefined {
  const relative = path.relative(root, absolute);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}
