// Session routes: create, list, get, delete, exec (sync and async), command status, logs and input.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { LocalSandbox, WebSocketFault } from '../../contracts';
import { badRequest, DaemonError } from '../daemonError';
import { daemonErrorBody, optionalBoolean, readJson, requireString, sendEmpty, sendJson } from '../http';
import type { Router } from '../router';
import { demuxLog } from './commandLog';
import { followCommandLog } from './logFollow';
import { ENTRYPOINT_COMMAND_ID, ENTRYPOINT_SESSION_ID, type SessionCommand, type SessionStore } from './sessions';
import { readFile } from 'node:fs/promises';

/** The daemon's refusals for its reserved session (apps/daemon/pkg/toolbox/process/session/*.go, v0.190.0). */
function refuseEntrypoint(sessionId: string, message: string): void {
  if (sessionId === ENTRYPOINT_SESSION_ID) throw badRequest(message);
}

async function logsBody(c: SessionCommand): Promise<{ output: string; stdout: string; stderr: string }> {
  const output = await readFile(c.log.file).catch(() => Buffer.alloc(0));
  return { output: output.toString('utf8'), ...demuxLog(output) };
}

export function registerSessionRoutes(router: Router, store: SessionStore): void {
  // The entrypoint's routes before the `:sessionId` routes, which would otherwise take these paths.
  registerEntrypointRoutes(router, store);
  registerSessionCrudRoutes(router, store);
  registerExecRoute(router, store);
  registerCommandRoutes(router, store);
}

/** The reserved entrypoint session: itself and its command's logs. */
function registerEntrypointRoutes(router: Router, store: SessionStore): void {
  router.add('GET', '/process/session/entrypoint', ({ res, sandbox }) => {
    sendJson(res, 200, store.ensureEntrypoint(sandbox).toJson());
    return Promise.resolve();
  });
  router.add('GET', '/process/session/entrypoint/logs', async ({ res, sandbox }) => {
    store.ensureEntrypoint(sandbox);
    sendJson(res, 200, await logsBody(store.command(sandbox.id, ENTRYPOINT_SESSION_ID, ENTRYPOINT_COMMAND_ID)));
  });
}

/** create, list, get, delete. */
function registerSessionCrudRoutes(router: Router, store: SessionStore): void {
  router.add('POST', '/process/session', async ({ req, res, sandbox }) => {
    const sessionId = requireString(await readJson(req), 'sessionId');
    refuseEntrypoint(sessionId, 'provided session ID is reserved and cannot be created/overridden');
    store.create(sandbox, sessionId);
    sendEmpty(res, 201);
  });

  router.add('GET', '/process/session', ({ res, sandbox }) => {
    sendJson(res, 200, store.list(sandbox.id).map((s) => s.toJson()));
    return Promise.resolve();
  });

  router.add('GET', '/process/session/:sessionId', ({ res, sandbox, params }) => {
    sendJson(res, 200, store.get(sandbox.id, params['sessionId'] as string).toJson());
    return Promise.resolve();
  });

  router.add('DELETE', '/process/session/:sessionId', async ({ res, sandbox, params }) => {
    refuseEntrypoint(params['sessionId'] as string, "can't delete entrypoint session");
    await store.delete(sandbox.id, params['sessionId'] as string);
    sendEmpty(res, 204);
  });
}

/** A command in a session: waited for (the output in the answer) or in the background (its id). */
function registerExecRoute(router: Router, store: SessionStore): void {
  router.add('POST', '/process/session/:sessionId/exec', async ({ req, res, sandbox, params }) => {
    refuseEntrypoint(params['sessionId'] as string, "can't execute command in entrypoint session");
    const body = await readJson(req);
    const command = requireString(body, 'command');
    if (command.trim() === '') throw badRequest('command cannot be empty');
    const background = (optionalBoolean(body, 'runAsync') ?? false) || (optionalBoolean(body, 'async') ?? false);
    const session = store.get(sandbox.id, params['sessionId'] as string);
    const record = store.execute(sandbox, session, command, background);
    if (background) {
      sendJson(res, 202, { cmdId: record.id });
      return;
    }
    await record.done;
    const output = await readFile(record.log.file).catch(() => Buffer.alloc(0));
    const { stdout, stderr } = demuxLog(output);
    sendJson(res, 200, { cmdId: record.id, output: output.toString('utf8'), stdout, stderr, exitCode: record.exitCode });
  });
}

/** A session command's status, logs and input. */
function registerCommandRoutes(router: Router, store: SessionStore): void {
  router.add('GET', '/process/session/:sessionId/command/:commandId', ({ res, sandbox, params }) => {
    if (params['sessionId'] === ENTRYPOINT_SESSION_ID) store.ensureEntrypoint(sandbox);
    const c = store.command(sandbox.id, params['sessionId'] as string, params['commandId'] as string);
    sendJson(res, 200, { id: c.id, command: c.command, ...(c.exitCode === undefined ? {} : { exitCode: c.exitCode }) });
    return Promise.resolve();
  });

  router.add('GET', '/process/session/:sessionId/command/:commandId/logs', async ({ res, sandbox, params }) => {
    if (params['sessionId'] === ENTRYPOINT_SESSION_ID) store.ensureEntrypoint(sandbox);
    sendJson(res, 200, await logsBody(store.command(sandbox.id, params['sessionId'] as string, params['commandId'] as string)));
  });

  router.add('POST', '/process/session/:sessionId/command/:commandId/input', async ({ req, res, sandbox, params }) => {
    refuseEntrypoint(params['sessionId'] as string, "can't send input to entrypoint session");
    const body = await readJson(req);
    const data = typeof body['data'] === 'string' ? body['data'] : '';
    const c = store.command(sandbox.id, params['sessionId'] as string, params['commandId'] as string);
    if (c.exitCode !== undefined || !c.stdin || c.stdin.destroyed) throw new DaemonError(410, 'COMMAND_ALREADY_COMPLETED', `command ${c.id} has already completed`);
    c.stdin.write(data);
    sendEmpty(res, 200);
  });
}

const LOGS_ROUTE = /^\/process\/session\/([^/]+)\/command\/([^/]+)\/logs$/;
const ENTRYPOINT_LOGS_ROUTE = '/process/session/entrypoint/logs';

export interface LogSocketOptions {
  /** Fault injection (ToolboxOptions.webSocketFault), asked once per socket with the request path. */
  readonly webSocketFault?: (path: string) => WebSocketFault | undefined;
  /** Brings the sandbox's network up (the runner's prepare) before the entrypoint can start. */
  readonly prepare?: (sandbox: LocalSandbox) => Promise<void>;
}

/** The WebSocket side of the logs route; answers false for paths that are not WebSocket routes. */
export function createLogSocketHandler(store: SessionStore, options: LogSocketOptions) {
  // Offered subprotocols (browser/serverless SDK runtimes send one) are echoed, as the ws client requires.
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => protocols.values().next().value ?? false });
  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, sandbox: LocalSandbox, subPath: string, url: URL): boolean {
      const m = LOGS_ROUTE.exec(subPath);
      if (!m && subPath !== ENTRYPOINT_LOGS_ROUTE) return false;
      // The entrypoint may have to start first, which needs the sandbox's network (the runner's prepare).
      const command: Promise<SessionCommand> = m
        ? Promise.resolve().then(() => store.command(sandbox.id, decodeURIComponent(m[1] as string), decodeURIComponent(m[2] as string)))
        : (options.prepare?.(sandbox) ?? Promise.resolve()).then(() => {
            store.ensureEntrypoint(sandbox);
            return store.command(sandbox.id, ENTRYPOINT_SESSION_ID, ENTRYPOINT_COMMAND_ID);
          });
      command.then(
        (found) => {
          const fault = options.webSocketFault?.(url.pathname);
          wss.handleUpgrade(req, socket, head, (ws) => {
            followCommandLog(ws, found, { follow: url.searchParams.get('follow') === 'true', ...(fault ? { fault } : {}) });
          });
        },
        (err: unknown) => {
          const e = err instanceof DaemonError ? err : new DaemonError(400, 'BAD_REQUEST', String(err));
          const body = JSON.stringify(daemonErrorBody(e, subPath, 'GET'));
          socket.end(`HTTP/1.1 ${e.statusCode} Error\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
        },
      );
      return true;
    },
    close(): void {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
