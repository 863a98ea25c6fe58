// POST /files/bulk-download: a multipart/form-data response, one part per requested path, in the daemon's
// exact shape: part `file` with the bytes, or part `error` with a JSON daemon error; the part's filename is
// the requested path string verbatim, because the SDK matches parts to requests by it. Files are streamed.
import { createReadStream, promises as fsp } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { LocalSandbox } from '../../contracts';
import { DaemonError, fsError } from '../daemonError';
import { daemonErrorBody, readJson, stringArray } from '../http';
import { resolveSandboxPath } from '../paths';
import type { Router } from '../router';

export const DOWNLOAD_BOUNDARY = 'DAYTONA-FILE-BOUNDARY';

export function registerDownloadRoute(router: Router): void {
  router.add('POST', '/files/bulk-download', async ({ req, res, sandbox }) => {
    const paths = stringArray(await readJson(req), 'paths');
    res.writeHead(200, { 'content-type': `multipart/form-data; boundary=${DOWNLOAD_BOUNDARY}` });
    for (const requested of paths) {
      const opened = await openForDownload(sandbox, requested);
      if (opened instanceof DaemonError) {
        const json = JSON.stringify(daemonErrorBody(opened, requested, 'POST'));
        await write(res, partHeader('error', requested, 'application/json; charset=utf-8', Buffer.byteLength(json)) + json + '\r\n');
        continue;
      }
      await write(res, partHeader('file', requested, 'application/octet-stream', opened.size));
      // Send exactly the announced length even if the file grows meanwhile.
      if (opened.size > 0) {
        for await (const chunk of createReadStream(opened.host, { end: opened.size - 1 }) as AsyncIterable<Buffer>) await write(res, chunk);
      }
      await write(res, '\r\n');
    }
    res.end(`--${DOWNLOAD_BOUNDARY}--\r\n`);
  });
}

async function openForDownload(sandbox: LocalSandbox, requested: string): Promise<{ host: string; size: number } | DaemonError> {
  try {
    const target = await resolveSandboxPath(sandbox, requested);
    const stat = await fsp.stat(target.host).catch((err: unknown) => Promise.reject(fsError(err, target.inside)));
    if (stat.isDirectory()) return new DaemonError(400, 'INVALID_FILE_PATH', `is a directory: ${target.inside}`);
    return { host: target.host, size: stat.size };
  } catch (err) {
    return err instanceof DaemonError ? err : new DaemonError(500, 'FILE_READ_FAILED', `cannot read ${requested}: ${String(err)}`);
  }
}

function partHeader(name: 'file' | 'error', filename: string, contentType: string, length: number): string {
  const quoted = filename.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\r\n]/g, ' ');
  const extended = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return (
    `--${DOWNLOAD_BOUNDARY}\r\n` +
    `Content-Disposition: form-data; name="${name}"; filename="${quoted}"; filename*=utf-8''${extended}\r\n` +
    `Content-Type: ${contentType}\r\n` +
    `Content-Length: ${length}\r\n\r\n`
  );
}

/** Writes with backpressure; rejects when the client went away. */
async function write(res: ServerResponse, data: string | Buffer): Promise<void> {
  if (res.destroyed) throw new Error('client disconnected');
  if (res.write(data)) return;
  await new Promise<void>((resolve, reject) => {
    const cleanup = (): void => {
      res.off('drain', onDrain);
      res.off('close', onClose);
    };
    const onDrain = (): void => {
      cleanup();
      resolve();
    };
    const onClose = (): void => {
      cleanup();
      reject(new Error('client disconnected'));
    };
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}
