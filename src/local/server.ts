// The local backend's HTTP server: its own Host only, no browser pages, then fault injection (when enabled),
// `/api` (management), `/toolbox/{id}` (toolbox) and `/_forge/faults` (test control), all with the API key.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '../common/logger';
import type { FaultInjector } from './faults';
import { parseFaultRule } from './faultRuleParser';
import { ApiError, notFound, sendApiError } from './http/errors';
import { readJsonBody, sendJson } from './http/json';
import type { RequestLog } from './http/requestLog';
import { fromBrowserPage, hasOwnHost, wrongHostMessage } from './http/requestGuard';
import { RESPONDED, type Router } from './http/router';
import { rejectUpgrade } from './preview/pages';
import { bearerToken, sameSecret } from './secrets';
import { ToolboxRoute } from './toolboxRoute';

export interface BackendServerParts {
  readonly apiKey: string;
  readonly router: Router;
  readonly toolboxRoute: ToolboxRoute;
  readonly faults: FaultInjector;
  readonly logger: Logger;
  /** Test mode: every request as received (LocalBackendOptions.recordRequests). */
  readonly requestLog?: RequestLog;
}

const API_PREFIX = '/api';
const FAULTS_PATH = '/_forge/faults';

/** Installs the request and upgrade handlers on a listening server. */
export function attachBackendHandlers(server: Server, parts: BackendServerParts): void {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = requestUrl(req);
    parts.logger.trace(`local backend: ${req.method ?? 'GET'} ${url.pathname}`);
    parts.requestLog?.observe(req, res, url);
    guarded(server, req).then(() => handleRequest(parts, req, res, url)).catch((error: unknown) => {
      if (!(error instanceof ApiError)) {
        parts.logger.error(`local backend: ${req.method ?? 'GET'} ${url.pathname} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      req.resume();
      sendApiError(res, url.pathname, error instanceof ApiError ? error : new ApiError(500, 'Internal server error'));
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    guarded(server, req)
      .then(() => handleUpgrade(parts, req, socket, head))
      .catch((error: unknown) => {
        if (error instanceof ApiError) {
          rejectUpgrade(socket, error.statusCode, error.message);
          return;
        }
        parts.logger.error(`local backend: upgrade failed: ${error instanceof Error ? error.message : String(error)}`);
        socket.destroy();
      });
  });
}

async function handleRequest(parts: BackendServerParts, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const path = url.pathname;
  if (path === FAULTS_PATH && parts.faults.enabled) {
    await handleFaultControl(parts, req, res);
    return;
  }
  const rule = parts.faults.take(method, path);
  if (rule !== undefined && (await parts.faults.applyHttp(rule, req, res, path))) {
    return;
  }
  if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) {
    await handleApi(parts, req, res, url);
  } else if (ToolboxRoute.matches(path)) {
    await parts.toolboxRoute.handle(req, res, url);
  } else {
    throw notFound(`Cannot ${method} ${path}`);
  }
}

async function handleApi(parts: BackendServerParts, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const path = url.pathname.slice(API_PREFIX.length);
  if (path.startsWith('/socket.io')) {
    // No Socket.IO gateway: the SDK then polls, and our transitions are already final.
    throw notFound(`Cannot ${method} ${url.pathname}`);
  }
  assertApiKey(parts, req);
  const match = parts.router.match(method, path);
  if (match === undefined) {
    throw notFound(`Cannot ${method} ${url.pathname}`);
  }
  const result: unknown = await match.handler({ req, res, url, params: match.params });
  if (result === RESPONDED) {
    return;
  }
  req.resume();
  if (result === undefined) {
    res.writeHead(200, { 'content-length': 0 }).end();
  } else {
    sendJson(res, 200, result);
  }
}

async function handleFaultControl(parts: BackendServerParts, req: IncomingMessage, res: ServerResponse): Promise<void> {
  assertApiKey(parts, req);
  switch (req.method) {
    case 'POST': {
      const body = await readJsonBody(req);
      const rules = (Array.isArray(body) ? body : [body]).map(parseFaultRule);
      rules.forEach((rule) => parts.faults.add(rule));
      sendJson(res, 200, { added: rules.length });
      return;
    }
    case 'DELETE':
      req.resume();
      parts.faults.clear();
      res.writeHead(200, { 'content-length': 0 }).end();
      return;
    case 'GET':
      sendJson(res, 200, parts.faults.list());
      return;
    default:
      throw notFound(`Cannot ${req.method ?? 'GET'} ${FAULTS_PATH}`);
  }
}

async function handleUpgrade(parts: BackendServerParts, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const url = requestUrl(req);
  const rule = parts.faults.take(req.method ?? 'GET', url.pathname);
  if (rule !== undefined && (await parts.faults.applyUpgrade(rule, socket, url.pathname))) {
    return;
  }
  if (ToolboxRoute.matches(url.pathname)) {
    parts.toolboxRoute.upgrade(req, socket, head, url);
  } else {
    rejectUpgrade(socket, 404, `Cannot upgrade ${url.pathname}`);
  }
}

/** Refuses requests under a foreign Host (DNS rebinding) and requests made by web pages. */
async function guarded(server: Server, req: IncomingMessage): Promise<void> {
  const { port } = server.address() as AddressInfo;
  if (!hasOwnHost(req, port)) {
    throw new ApiError(421, wrongHostMessage(req, port));
  }
  if (fromBrowserPage(req)) {
    throw new ApiError(403, 'The local backend does not answer web pages: only Forge, the SDK and tools with the API key may call it.');
  }
  return Promise.resolve();
}

function assertApiKey(parts: BackendServerParts, req: IncomingMessage): void {
  if (!sameSecret(bearerToken(req.headers.authorization), parts.apiKey)) {
    throw new ApiError(401, 'Unauthorized');
  }
}

function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    return new URL('http://127.0.0.1/');
  }
}
