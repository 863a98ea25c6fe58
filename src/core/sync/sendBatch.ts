import type { Sandbox } from '../../daytona/port';
import { isNotFound } from '../../daytona/errors';
import type { BigIntStats } from 'node:fs';
import { lstat } from 'node:fs/promises';
import * as path from 'node:path';
import { throwIfCancelled } from '../../common/cancel';
import { isSafeRelativePath } from '../repo/pathSafety';
import { walkFolder } from '../repo/walk';
import type { Logger } from '../../common/logger';
import { uploadFiles } from '../upload';
import type { SyncFilter } from './syncFilter';

/** What to do with each path: send its current content, or remove it from the sandbox. */
export type PathAction = 'upload' | 'delete';

export interface ResolvedBatch {
  readonly uploads: readonly string[];
  readonly deletes: readonly string[];
}

export interface SentBatch extends ResolvedBatch {
  /** Paths refused on the way (ignored, escaping, links out), with why. */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  /** The fingerprint of each upload this resolution already looked at (files named by an event, not a folder's). */
  readonly fingerprints: ReadonlyMap<string, string>;
}

/** Size, modification time (ns resolution where the file system has it) and inode: changes whenever the bytes may have. */
export function fingerprintOf(info: BigIntStats): string {
  return `${info.size}:${info.mtimeNs}:${info.ctimeNs}:${info.ino}`;
}

/** The fingerprint of a file under `localRoot` now; undefined when it is gone. */
export async function fingerprint(localRoot: string, relative: string): Promise<string | undefined> {
  const info = await lstat(path.join(localRoot, relative), { bigint: true }).catch(() => undefined);
  return info && fingerprintOf(info);
}

/**
 * Turns queued actions into concrete files: a path that no longer exists is deleted, a folder (created or renamed
 * into place) is expanded into its files, and everything passes the filter (ignored files, `.git`, `node_modules`,
 * paths leaving the root never travel, deletions included: removing a local `node_modules` must not empty the sandbox's).
 */
export async function resolveBatch(localRoot: string, actions: ReadonlyMap<string, PathAction>, filter: SyncFilter): Promise<SentBatch> {
  const first = await filter.filter([...actions.keys()]);
  const skipped = [...first.dropped];
  const uploads: string[] = [];
  const deletes: string[] = [];
  const expanded: string[] = [];
  const fingerprints = new Map<string, string>();
  for (const relative of first.keep) {
    if (actions.get(relative) === 'delete') {
      deletes.push(relative);
      continue;
    }
    const info = await lstat(path.join(localRoot, relative), { bigint: true }).catch(() => undefined);
    if (!info) deletes.push(relative);
    else if (info.isDirectory()) expanded.push(...(await walkFolder(path.join(localRoot, relative))).map((entry) => `${relative}/${entry.path}`));
    else {
      uploads.push(relative);
      fingerprints.set(relative, fingerprintOf(info));
    }
  }
  if (expanded.length > 0) {
    const second = await filter.filter(expanded);
    uploads.push(...second.keep);
    skipped.push(...second.dropped);
  }
  return { uploads, deletes, skipped, fingerprints };
}

/** Uploads and deletes one resolved batch (idempotent, so a retry may run it again). */
export async function sendBatch(sandbox: Sandbox, localRoot: string, repoPath: string, batch: ResolvedBatch, signal: AbortSignal, logger: Logger): Promise<readonly { path: string; reason: string }[]> {
  // uploadFiles checks every path again: no `..`, no link leading outside the root, regular files only.
  const upload = await uploadFiles(sandbox, localRoot, repoPath, batch.uploads, { signal, logger });
  for (const relative of batch.deletes) {
    throwIfCancelled(signal);
    if (!isSafeRelativePath(relative)) continue;
    try {
      // Recursive: a deleted folder arrives as one event.
      await sandbox.fs.deleteFile(path.posix.join(repoPath, relative), true);
    } catch (error) {
      // Already absent is the state we want; anything else (a dropped connection) is worth the retry.
      if (!(isNotFound(error))) throw error;
    }
  }
  return upload.skipped;
}
