// The code interpreter: POST/GET /process/interpreter/context, DELETE /process/interpreter/context/{id} and the
// WebSocket GET /process/interpreter/execute (first message {code, contextId?, envs?, timeout?}), in the shapes
// of daytonaio/daytona v0.190.0 apps/daemon/pkg/toolbox/process/interpreter/controller.go. Python only; the
// `default` context is made on first use and never listed or deleted.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { LocalSandbox } from '../../../contracts';
import type { Runner } from '../../../runner';
import { badRequest, DaemonError } from '../../daemonError';
import { optionalString, readJson, sendJson } from '../../http';
import type { Router } from '../../router';
import { workingDirectory } from '../executeRoutes';
import { closeSocket, InterpreterContext } from './context';

const DEFAULT_ID = 'default';
const EXECUTE_ROUTE = '/process/interpreter/execute';

export class InterpreterStore {
  private readonly bySandbox = new Map<string, Map<string, InterpreterContext>>();

  constructor(private readonly runner: Runner) {}

  create(sandbox: LocalSandbox, cwd: string, id: string = randomUUID()): InterpreterContext {
    const context = new InterpreterContext(id, cwd, sandbox, this.runner);
    this.contextsOf(sandbox.id).set(id, context);
    context.start();
    return context;
  }

  get(sandboxId: string, id: string): InterpreterContext | undefined {
    return this.bySandbox.get(sandboxId)?.get(id);
  }

  defaultContext(sandbox: LocalSandbox): InterpreterContext {
    return this.get(sandbox.id, DEFAULT_ID) ?? this.create(sandbox, sandbox.insideHome, DEFAULT_ID);
  }

  list(sandboxId: string): InterpreterContext[] {
    return [...(this.bySandbox.get(sandboxId)?.values() ?? [])];
  }

  async delete(sandboxId: string, id: string): Promise<void> {
    const context = this.get(sandboxId, id);
    if (!context) throw new DaemonError(404, 'NOT_FOUND', `context with ID '${id}' not found`);
    this.bySandbox.get(sandboxId)?.delete(id);
    await context.shutdown();
  }

  async dropSandbox(sandboxId: string): Promise<void> {
    const contexts = this.list(sandboxId);
    this.bySandbox.delete(sandboxId);
    await Promise.all(contexts.map((c) => c.shutdown()));
  }

  private contextsOf(sandboxId: string): Map<string, InterpreterContext> {
    let contexts = this.bySandbox.get(sandboxId);
    if (!contexts) {
      contexts = new Map();
      this.bySandbox.set(sandboxId, contexts);
    }
    return contexts;
  }
}

export function registerInterpreterRoutes(router: Router, store: InterpreterStore): void {
  router.add('POST', '/process/interpreter/context', async ({ req, res, sandbox }) => {
    const body = await readJson(req);
    const language = optionalString(body, 'language') ?? 'python';
    if (language !== 'python') throw badRequest(`unsupported language: ${language} (only 'python' is supported currently)`);
    const cwd = await workingDirectory(sandbox, optionalString(body, 'cwd'));
    sendJson(res, 200, store.create(sandbox, cwd).info());
  });

  router.add('GET', '/process/interpreter/context', ({ res, sandbox }) => {
    sendJson(res, 200, { contexts: store.list(sandbox.id).filter((c) => c.id !== DEFAULT_ID).map((c) => c.info()) });
    return Promise.resolve();
  });

  router.add('DELETE', '/process/interpreter/context/:id', async ({ res, sandbox, params }) => {
    const id = params['id'] as string;
    if (id === DEFAULT_ID) throw badRequest('cannot delete default context');
    await store.delete(sandbox.id, id);
    sendJson(res, 200, { message: 'Context deleted successfully' });
  });
}

/** The WebSocket side: accepts, reads the first message, then queues the run on its context. */
export function createInterpreterSocketHandler(store: InterpreterStore, prepare: (sandbox: LocalSandbox) => Promise<void>) {
  const wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => protocols.values().next().value ?? false });
  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, sandbox: LocalSandbox, subPath: string): boolean {
      if (subPath !== EXECUTE_ROUTE) return false;
      wss.handleUpgrade(req, socket, head, (ws) => {
        // The worker may have to start, which needs the sandbox's network up (the runner's prepare).
        ws.once('message', (data: RawData) => {
          prepare(sandbox).then(
            () => startExecution(store, sandbox, ws, data),
            (err: unknown) => closeSocket(ws, 1011, `failed to get default context: ${err instanceof Error ? err.message : String(err)}`),
          );
        });
      });
      return true;
    },
    close(): void {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

function startExecution(store: InterpreterStore, sandbox: LocalSandbox, ws: WebSocket, data: RawData): void {
  let request: Record<string, unknown>;
  try {
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    request = parsed as Record<string, unknown>;
  } catch {
    return closeSocket(ws, 1002, 'invalid JSON payload');
  }
  const code = typeof request['code'] === 'string' ? request['code'] : '';
  if (code === '') return closeSocket(ws, 1008, 'code is required');
  const timeoutRaw = request['timeout'];
  const timeout = typeof timeoutRaw === 'number' ? timeoutRaw : 600; // the daemon's default: 10 minutes
  if (timeout < 0) return closeSocket(ws, 1008, 'timeout must be greater than or equal to 0');
  const contextId = request['contextId'];
  const context = typeof contextId === 'string' ? store.get(sandbox.id, contextId) : store.defaultContext(sandbox);
  if (!context) return closeSocket(ws, 1008, `context not found: ${String(contextId)}`);
  context.enqueue({ code, envs: stringValues(request['envs']), timeout, ws });
}

function stringValues(raw: unknown): Record<string, string> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
