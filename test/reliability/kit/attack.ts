// Tools for the attack suite: raw HTTP with full control of Host and browser headers, a sandbox with a tiny app
// on port 3000 (and one on 5000), and the verdict "blocked" for answers that carry nothing of the app.
import type { Sandbox } from '@daytonaio/sdk';
import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import type { Lane } from './lane';

export interface RawAnswer {
  readonly status: number;
  readonly body: string;
}

/** One request with exactly these headers (Host included), never retried, never following redirects. */
export function rawRequest(url: string, options: { method?: string; headers?: Record<string, string>; body?: string; host?: string } = {}): Promise<RawAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: Number(target.port), method: options.method ?? 'GET', path: `${target.pathname}${target.search}`, headers: { host: options.host ?? target.host, ...options.headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer from ${url}`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The attack got nothing: a refusal status and none of the app's (or the command's) output. */
export function assertBlocked(answer: RawAnswer, marker: string, what: string): void {
  assert.ok([400, 401, 403, 404, 410, 415, 421].includes(answer.status), `${what}: answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  assert.ok(!answer.body.includes(marker), `${what}: the answer carries ${marker}`);
}

export const APP_MARKER = 'ATTACK-SUITE-APP-BODY';

export interface AppSandbox {
  readonly sandbox: Sandbox;
  dispose(): Promise<void>;
}

/** A started sandbox whose ports 3000 and 5000 answer `APP_MARKER <port> <path>`. */
export async function sandboxWithApp(lane: Lane): Promise<AppSandbox> {
  const sandbox = await lane.daytona.create({ language: 'typescript', labels: { 'forge.test': 'attacks' } });
  const dispose = (): Promise<void> => lane.daytona.delete(sandbox, 60).catch(() => undefined);
  try {
    const app = `for (const p of [3000, 5000]) require('http').createServer((q, r) => r.end('${APP_MARKER} ' + p + ' ' + q.url)).listen(p, '0.0.0.0')`;
    await sandbox.process.createSession('app');
    await sandbox.process.executeSessionCommand('app', { command: `node -e "${app}"`, runAsync: true });
    const link = await sandbox.getPreviewLink(3000);
    for (let attempt = 0; attempt < 100; attempt++) {
      const answer = await rawRequest(link.url, { headers: { 'x-daytona-preview-token': link.token } }).catch(() => undefined);
      if (answer?.body.includes(APP_MARKER)) return { sandbox, dispose };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the attack suite app never answered on port 3000');
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** A path on the signed URL's listener, keeping its token query. */
export function onSignedPath(signedUrl: string, pathname: string): string {
  const url = new URL(signedUrl);
  url.pathname = pathname;
  return url.toString();
}

/** The signed URL's listener, without the token. */
export function withoutQuery(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
