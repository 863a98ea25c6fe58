// POST /files/bulk-upload: multipart with `files[i].path` (destination) before `files[i].file` (content),
// chunked without a Content-Length. Each file is truncated and written in place as it streams, as Daytona's
// daemon does (`os.Create` + `io.Copy`, apps/daemon/pkg/toolbox/fs/upload_files.go; `SaveUploadedFile` in
// upload_file.go): a watching dev server may read a half-written file, and the inode (hard links) stays.
import { constants, promises as fsp } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import type { LocalSandbox } from '../../contracts';
import { DaemonError, fsError } from '../daemonError';
import { sendJson } from '../http';
import { resolveSandboxPath } from '../paths';
import type { Router } from '../router';

interface Uploaded {
  readonly path: string;
  readonly bytes: number;
}

export function registerUploadRoute(router: Router): void {
  router.add('POST', '/files/bulk-upload', async ({ req, res, sandbox }) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, preservePath: true, limits: { fieldSize: 64 * 1024 } });
    } catch (err) {
      throw new DaemonError(400, 'INVALID_REQUEST_BODY', `expected multipart/form-data: ${err instanceof Error ? err.message : String(err)}`);
    }
    const destinations = new Map<string, string>();
    const writes: Promise<Uploaded>[] = [];
    parser.on('field', (name, value) => {
      const m = /^files\[(\d+)\]\.path$/.exec(name);
      if (m) destinations.set(m[1] as string, value);
    });
    parser.on('file', (name, stream, info) => {
      // Errors surface through the pipeline below; until it is attached they must not go unhandled.
      stream.on('error', () => undefined);
      const m = /^files\[(\d+)\]\.file$/.exec(name);
      // Node clients send only the base name as filename; the `.path` field is the destination.
      const destination = (m ? destinations.get(m[1] as string) : undefined) ?? info.filename;
      const write = writeUpload(sandbox, destination, stream);
      write.catch(() => undefined); // settled below, after the whole body was parsed
      writes.push(write);
    });
    const parsed = new Promise<void>((resolve, reject) => {
      parser.on('close', resolve);
      parser.on('error', (err: Error) => reject(new DaemonError(400, 'INVALID_REQUEST_BODY', `malformed multipart body: ${err.message}`)));
      req.on('error', reject);
    });
    req.pipe(parser);
    await parsed;
    const settled = await Promise.allSettled(writes);
    const files = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const errors = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason instanceof Error ? s.reason.message : String(s.reason)] : []));
    if (errors.length > 0) {
      const first = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')?.reason as unknown;
      const status = first instanceof DaemonError ? first.statusCode : 400;
      sendJson(res, status, { statusCode: status, message: errors.join('; '), code: first instanceof DaemonError ? first.code : 'BAD_REQUEST', source: 'DAYTONA_DAEMON', errors, files });
      return;
    }
    sendJson(res, 200, { files });
  });
}

/** Streams one part into its target, truncated and overwritten in place (the real path, never through a new symlink). */
export async function writeUpload(sandbox: LocalSandbox, destination: string | undefined, stream: Readable): Promise<Uploaded> {
  try {
    if (!destination) throw new DaemonError(400, 'INVALID_FILE_PATH', 'a file part has no destination path');
    const target = await resolveSandboxPath(sandbox, destination);
    const existing = await fsp.stat(target.host).catch(() => undefined);
    if (existing?.isDirectory()) throw new DaemonError(400, 'INVALID_FILE_PATH', `is a directory: ${target.inside}`);
    await fsp.mkdir(path.dirname(target.host), { recursive: true }).catch((err: unknown) => Promise.reject(fsError(err, target.inside)));
    // O_NOFOLLOW: the resolved path was checked to lie inside the sandbox; a symlink swapped in since is refused.
    const handle = await fsp.open(target.host, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o644).catch((err: unknown) => Promise.reject(fsError(err, target.inside)));
    const out = handle.createWriteStream();
    try {
      await pipeline(stream, out);
    } catch (err) {
      throw fsError(err, target.inside);
    } finally {
      await handle.close().catch(() => undefined);
    }
    return { path: target.inside, bytes: out.bytesWritten };
  } finally {
    // A refused part must still be drained, or busboy stalls waiting for it to be read.
    stream.resume();
  }
}
