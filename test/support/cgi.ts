// Runs `git http-backend` as a CGI script for one request of the test git server.
import { spawn, type ChildProcess } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TEST_GIT_ENV } from './git';

export interface BackendRequest {
  /** GIT_PROJECT_ROOT: the folder holding the bare repositories. */
  readonly projectRoot: string;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  /** Set only for authenticated requests: http-backend then allows receive-pack (push). */
  readonly remoteUser: string | undefined;
  /** Running backends, so that closing the server can end them. */
  readonly children: Set<ChildProcess>;
  /** Called once with the HTTP status sent. */
  readonly record: (status: number) => void;
}

/** Answers one smart-HTTP request by running `git http-backend` as a CGI script (request body in, CGI response out). */
export function runGitHttpBackend({ projectRoot: root, req, res, url, remoteUser, children, record }: BackendRequest): void {
  const env: Record<string, string> = {
    ...stringEnv(process.env),
    ...TEST_GIT_ENV,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.replace(/^\?/, ''),
    REQUEST_METHOD: req.method ?? 'GET',
    CONTENT_TYPE: req.headers['content-type'] ?? '',
    REMOTE_ADDR: req.socket.remoteAddress ?? '127.0.0.1',
    ...(req.headers['content-length'] ? { CONTENT_LENGTH: req.headers['content-length'] } : {}),
    ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
    ...(typeof req.headers['git-protocol'] === 'string' ? { GIT_PROTOCOL: req.headers['git-protocol'] } : {}),
    ...(remoteUser ? { REMOTE_USER: remoteUser } : {}),
  };
  const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  child.on('close', () => children.delete(child));
  child.on('error', () => {
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
  child.stderr.resume();
  req.pipe(child.stdin);
  child.stdin.on('error', () => undefined);

  let head = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = findHeaderEnd(head);
    if (!end) return;
    headersDone = true;
    const { status, headers } = parseCgiHeaders(head.subarray(0, end.index).toString('latin1'));
    record(status);
    res.writeHead(status, headers);
    const rest = head.subarray(end.index + end.length);
    if (rest.length > 0) res.write(rest);
  });
  child.stdout.on('end', () => {
    if (!headersDone) {
      record(502);
      res.writeHead(502);
    }
    res.end();
  });
}

function findHeaderEnd(buffer: Buffer): { index: number; length: number } | undefined {
  const crlf = buffer.indexOf('\r\n\r\n');
  const lf = buffer.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf <= lf)) return { index: crlf, length: 4 };
  if (lf >= 0) return { index: lf, length: 2 };
  return undefined;
}

function parseCgiHeaders(text: string): { status: number; headers: Record<string, string> } {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 200;
    else headers[name] = value;
  }
  return { status, headers };
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    // Keep the child away from any git state of the process that started the tests.
    if (value !== undefined && !key.startsWith('GIT_')) result[key] = value;
  }
  return result;
}
