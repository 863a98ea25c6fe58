// Content and name search: find (substring per line, binary files skipped), search (glob), replace.
import { createReadStream, promises as fsp } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import picomatch from 'picomatch';
import { badRequest, DaemonError, fsError } from '../daemonError';
import { readJson, requireQuery, requireString, sendJson, stringArray } from '../http';
import { resolveSandboxPath } from '../paths';
import type { Router } from '../router';
import { walkFiles } from './walk';

interface Match {
  readonly file: string;
  readonly line: number;
  readonly content: string;
}

export function registerSearchRoutes(router: Router): void {
  router.add('GET', '/files/find', async ({ res, sandbox, url }) => {
    const start = await resolveSandboxPath(sandbox, requireQuery(url, 'path'));
    const pattern = requireQuery(url, 'pattern');
    const matches: Match[] = [];
    for await (const file of filesUnder(start.host, start.inside)) {
      if (await looksBinary(file.hostPath)) continue;
      let line = 0;
      const lines = createInterface({ input: createReadStream(file.hostPath), crlfDelay: Infinity });
      for await (const text of lines) {
        line++;
        if (text.includes(pattern)) matches.push({ file: file.inside, line, content: text });
      }
    }
    sendJson(res, 200, matches);
  });

  router.add('GET', '/files/search', async ({ res, sandbox, url }) => {
    const start = await resolveSandboxPath(sandbox, requireQuery(url, 'path'));
    const pattern = requireQuery(url, 'pattern');
    let isMatch: (s: string) => boolean;
    try {
      isMatch = picomatch(pattern, { dot: true });
    } catch {
      throw badRequest(`invalid glob pattern: ${pattern}`);
    }
    const files: string[] = [];
    // Like the daemon: the pattern is tried on the path relative to `path` (so `**/*.ts` works) and on the base name.
    for await (const file of filesUnder(start.host, start.inside)) {
      if (isMatch(file.relative) || isMatch(path.posix.basename(file.relative))) files.push(file.inside);
    }
    sendJson(res, 200, { files });
  });

  router.add('POST', '/files/replace', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    const files = stringArray(body, 'files');
    const pattern = requireString(body, 'pattern');
    const newValue = typeof body['newValue'] === 'string' ? body['newValue'] : '';
    const results: { file: string; success: boolean; error?: string }[] = [];
    for (const raw of files) {
      try {
        const target = await resolveSandboxPath(sandbox, raw);
        const content = await fsp.readFile(target.host, 'utf8').catch((err: unknown) => Promise.reject(fsError(err, target.inside)));
        await fsp.writeFile(target.host, content.split(pattern).join(newValue));
        results.push({ file: raw, success: true });
      } catch (err) {
        results.push({ file: raw, success: false, error: err instanceof Error ? err.message : String(err) });
      }
    }
    sendJson(res, 200, results);
  });
}

async function* filesUnder(hostStart: string, insideStart: string): AsyncGenerator<{ hostPath: string; inside: string; relative: string }> {
  const stat = await fsp.stat(hostStart).catch((err: unknown) => Promise.reject(fsError(err, insideStart)));
  if (stat.isFile()) {
    yield { hostPath: hostStart, inside: insideStart, relative: path.basename(hostStart) };
    return;
  }
  if (!stat.isDirectory()) throw new DaemonError(400, 'INVALID_FILE_PATH', `not a file or directory: ${insideStart}`);
  for await (const f of walkFiles(hostStart)) yield { hostPath: f.hostPath, inside: path.posix.join(insideStart, f.relative), relative: f.relative };
}

/** The daemon's test: a NUL byte in the first 512 bytes means binary. */
async function looksBinary(hostPath: string): Promise<boolean> {
  const handle = await fsp.open(hostPath, 'r').catch(() => undefined);
  if (!handle) return true;
  try {
    const buf = Buffer.alloc(512);
    const { bytesRead } = await handle.read(buf, 0, 512, 0);
    return buf.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}
