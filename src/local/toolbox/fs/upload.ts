// POST /files/bulk-upload: multipart with `files[i].path` (destination) before `files[i].file` (content),
// chunked without a Content-Length. Each file streams to a temp file beside its target and is renamed into
// place, so a watching dev server never reads a half-written file.
import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fsp } from 'node:fs';
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

/** Streams one part to a temp file beside its target, then renames it into place. */
export async function writeUpload(sandbox: LocalSandbox, destination: string | undefined, stream: Readable): Promise<Uploaded> {
  try {
    if (!destination) throw new DaemonError(400, 'INVALID_FILE_PATH', 'a file part has no destination path');
    const target = await resolveSandboxPath(sandbox, destination);
    const existing = await fsp.stat(target.host).catch(() => undefined);
    if (existing?.isDirectory()) throw new DaemonError(400, 'INVALID_FILE_PATH', `is a directory: ${target.inside}`);
    await fsp.mkdir(path.dirname(target.host), { recursive: true }).catch((err: unknown) => Promise.reject(fsError(err, target.inside)));
    const temp = path.join(path.dirname(target.host), `.${path.basename(target.host)}.upload-${randomBytes(4).toString('hex')}`);
    const out = createWriteStream(temp, { mode: existing ? existing.mode & 0o777 : 0o644 });
    try {
      await pipeline(stream, out);
      await fsp.rename(temp, target.host);
    } catch (err) {
      await fsp.rm(temp, { force: true });
      throw fsError(err, target.inside);
    }
    return { path: target.inside, bytes: out.bytesWritten };
  } finally {
    // A refused part must still be drained, or busboy stalls waiting for it to be read.
    stream.resume();
  }
}
