// The single-file routes older SDKs use: GET /files/download?path= (the bytes, as an attachment) and
// POST /files/upload?path= (multipart, one `file` part), in the daemon's shapes.
import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { DaemonError, fsError } from '../daemonError';
import { requireQuery, sendEmpty } from '../http';
import { resolveSandboxPath } from '../paths';
import type { Router } from '../router';
import { writeUpload } from './upload';

export function registerSingleFileRoutes(router: Router): void {
  router.add('GET', '/files/download', async ({ res, sandbox, url }) => {
    const target = await resolveSandboxPath(sandbox, requireQuery(url, 'path'));
    const stat = await fsp.stat(target.host).catch((err: unknown) => Promise.reject(fsError(err, target.inside)));
    if (stat.isDirectory()) throw new DaemonError(400, 'INVALID_FILE_PATH', `path must be a file: ${target.inside}`);
    const name = path.posix.basename(target.inside);
    res.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': stat.size,
      'Content-Disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=utf-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'must-revalidate',
    });
    await pipeline(createReadStream(target.host), res);
  });

  router.add('POST', '/files/upload', async ({ req, res, sandbox, url }) => {
    const destination = requireQuery(url, 'path');
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1 } });
    } catch (err) {
      throw new DaemonError(400, 'INVALID_REQUEST_BODY', `expected multipart/form-data: ${err instanceof Error ? err.message : String(err)}`);
    }
    let write: Promise<unknown> | undefined;
    parser.on('file', (name, stream) => {
      stream.on('error', () => undefined);
      if (name !== 'file' || write) return void stream.resume();
      write = writeUpload(sandbox, destination, stream);
      write.catch(() => undefined); // settled below
    });
    await new Promise<void>((resolve, reject) => {
      parser.on('close', resolve);
      parser.on('error', (err: Error) => reject(new DaemonError(400, 'INVALID_REQUEST_BODY', `malformed multipart body: ${err.message}`)));
      req.on('error', reject);
      req.pipe(parser);
    });
    if (!write) throw new DaemonError(400, 'INVALID_REQUEST_BODY', 'no "file" part in the upload');
    await write;
    sendEmpty(res, 200);
  });
}
