import type { Sandbox } from '../daytona/port';
import { readFile, realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { throwIfCancelled } from '../common/cancel';
import { checkUploadPath, isSafeRelativePath } from './repo/pathSafety';
import type { LocalChange } from './types';
import type { Logger } from '../common/logger';

export interface UploadOptions {
  readonly signal: AbortSignal;
  readonly logger: Logger;
  readonly onProgress?: (done: number, total: number) => void;
  /** Files larger than this are skipped with a warning (a preview rarely needs a huge untracked binary). */
  readonly maxFileBytes?: number;
}

export interface UploadSummary {
  readonly uploaded: number;
  readonly deleted: number;
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
}

const BATCH_FILES = 100;
// Small requests: one batch must arrive within a proxy's request ceiling even on a slow uplink, and a failed one
// costs little to send again (Daytona's proxy and daemon buffer the whole multipart body).
export const BATCH_BYTES = 8 * 1024 * 1024;
export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Applies local changes to the sandbox copy at `remoteRoot`: uploads in batches, deletes one by one. */
export async function applyChanges(
  sandbox: Sandbox,
  localRoot: string,
  remoteRoot: string,
  changes: readonly LocalChange[],
  options: UploadOptions,
): Promise<UploadSummary> {
  const toDelete = new Set<string>();
  const toUpload: string[] = [];
  for (const change of changes) {
    if (change.kind === 'deleted') toDelete.add(change.path);
    else {
      if (change.kind === 'renamed') toDelete.add(change.from);
      toUpload.push(change.path);
    }
  }
  const upload = await uploadFiles(sandbox, localRoot, remoteRoot, toUpload, options);
  let deleted = 0;
  for (const relative of toDelete) {
    throwIfCancelled(options.signal);
    if (!isSafeRelativePath(relative)) continue;
    await sandbox.fs.deleteFile(path.posix.join(remoteRoot, relative)).catch((error: unknown) => {
      // Already absent in the sandbox is the state we want.
      options.logger.debug(`delete ${relative}: ${error instanceof Error ? error.message : String(error)}`);
    });
    deleted++;
  }
  return { uploaded: upload.uploaded, deleted, skipped: upload.skipped };
}

/** Uploads files (relative to `localRoot`) to the same relative paths under `remoteRoot`, in batches. */
export async function uploadFiles(
  sandbox: Sandbox,
  localRoot: string,
  remoteRoot: string,
  relativePaths: readonly string[],
  options: UploadOptions,
): Promise<UploadSummary> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const rootReal = await realpath(localRoot);
  const skipped: { path: string; reason: string }[] = [];
  let batch: { source: Buffer; destination: string }[] = [];
  let batchBytes = 0;
  let uploaded = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    throwIfCancelled(options.signal);
    await sandbox.fs.uploadFiles(batch);
    uploaded += batch.length;
    options.onProgress?.(uploaded, relativePaths.length);
    batch = [];
    batchBytes = 0;
  };
  for (const relative of relativePaths) {
    throwIfCancelled(options.signal);
    const checked = await checkLocalFile(rootReal, localRoot, relative, maxFileBytes);
    if ('reason' in checked) {
      skipped.push({ path: relative, reason: checked.reason });
      options.logger.warn(`Not uploading ${relative}: ${checked.reason}`);
      continue;
    }
    // Read now, not streamed by the SDK: its multipart length comes from a stat, so a file that an editor rewrites
    // mid-upload would send fewer bytes than announced and the request would hang. (Batches stay under BATCH_BYTES.)
    const content = await readFile(checked.absolute).catch(() => undefined);
    if (!content) {
      skipped.push({ path: relative, reason: 'it no longer exists' });
      continue;
    }
    // Flush first when this file would take the batch past the limit (a file larger than the limit goes alone).
    if (batch.length > 0 && batchBytes + content.length > BATCH_BYTES) await flush();
    batch.push({ source: content, destination: path.posix.join(remoteRoot, relative) });
    batchBytes += content.length;
    if (batch.length >= BATCH_FILES || batchBytes >= BATCH_BYTES) await flush();
  }
  await flush();
  return { uploaded, deleted: 0, skipped };
}

async function checkLocalFile(rootReal: string, localRoot: string, relative: string, maxFileBytes: number): Promise<{ absolute: string; size: number } | { reason: string }> {
  const check = await checkUploadPath(localRoot, rootReal, relative);
  if ('missing' in check) return { reason: 'it no longer exists' };
  if ('reason' in check) return check;
  if (check.size > maxFileBytes) return { reason: `it is ${Math.round(check.size / 1024 / 1024)} MB, over the ${Math.round(maxFileBytes / 1024 / 1024)} MB upload limit` };
  return { absolute: path.join(localRoot, relative), size: check.size };
}
