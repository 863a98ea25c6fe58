// The local backend's toolbox: Daytona's in-sandbox daemon API (files, git, processes, sessions, log
// streams) served for sandboxes that are directories on this machine. Processes start through the runner
// (bubblewrap and a network namespace of the sandbox's own when isolated; see runner/).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalSandbox, Toolbox, ToolboxOptions } from '../contracts';
import { createRunner, type Runner } from '../runner';
import { DaemonError } from './daemonError';
import { registerBasicFileRoutes } from './fs/basicRoutes';
import { registerDownloadRoute } from './fs/download';
import { registerSearchRoutes } from './fs/searchRoutes';
import { registerSingleFileRoutes } from './fs/singleFile';
import { registerUploadRoute } from './fs/upload';
import { registerCloneRoute } from './git/cloneRoute';
import { GitRunner } from './git/gitRunner';
import { registerRemoteRoutes } from './git/remoteRoutes';
import { registerWorktreeRoutes } from './git/worktreeRoutes';
import { sendError } from './http';
import { registerInfoRoutes } from './infoRoutes';
import { clearPortMap } from './ports/portMap';
import { describePort, type PortState } from './ports/portState';
import { createPtySocketHandler, registerPtyRoutes } from './pty/ptyRoutes';
import { PtyStore } from './pty/ptyStore';
import { registerPortRoutes } from './ports/portRoutes';
import { registerExecuteRoutes } from './process/executeRoutes';
import { createInterpreterSocketHandler, InterpreterStore, registerInterpreterRoutes } from './process/interpreter/interpreterRoutes';
import { createLogSocketHandler, registerSessionRoutes } from './process/sessionRoutes';
import { SessionStore } from './process/sessions';
import { Router } from './router';

export type { PortState } from './ports/portState';
export { listPortMappings, type PortMapping } from './ports/portMap';
export { listeningPorts } from './ports/portRoutes';
export { detectIsolation } from '../runner';

/** The toolbox, plus why a port does or does not answer (for messages such as "bound to localhost"). */
export interface LocalToolbox extends Toolbox {
  describePort(sandbox: LocalSandbox, port: number): Promise<PortState>;
}

export function createToolbox(options: ToolboxOptions): LocalToolbox {
  const runner = createRunner({ isolate: options.isolate, ...(options.memoryLimit !== undefined ? { memory: options.memoryLimit } : {}), ...(options.log ? { log: options.log } : {}) });
  const sessions = new SessionStore(runner);
  const git = new GitRunner(runner);
  const ptys = new PtyStore(runner, options.onActivity);
  const interpreters = new InterpreterStore(runner);
  const router = toolboxRouter({ runner, sessions, git, ptys, interpreters });
  const prepare = (sandbox: LocalSandbox): Promise<void> => runner.prepare(sandbox);
  const logSockets = createLogSocketHandler(sessions, { prepare, ...(options.webSocketFault ? { webSocketFault: options.webSocketFault } : {}) });
  const interpreterSockets = createInterpreterSocketHandler(interpreters, prepare);
  const ptySockets = createPtySocketHandler(ptys, options.webSocketFault);
  /** The sandboxes seen so far, so that stopping one can also clear its port map. */
  const known = new Map<string, LocalSandbox>();

  async function stopAll(sandboxId: string): Promise<void> {
    await sessions.dropSandbox(sandboxId);
    await ptys.dropSandbox(sandboxId);
    await interpreters.dropSandbox(sandboxId);
    await runner.stopAll(sandboxId);
    const sandbox = known.get(sandboxId);
    if (sandbox) await clearPortMap(sandbox);
    known.delete(sandboxId);
  }

  return {
    async handle(req, res, sandbox, subPath, url) {
      known.set(sandbox.id, sandbox);
      await handleRequest(router, runner, { req, res, sandbox, subPath, url });
    },
    handleUpgrade(req, socket, head, sandbox, subPath, url) {
      known.set(sandbox.id, sandbox);
      return (
        logSockets.handleUpgrade(req, socket, head, sandbox, subPath, url) ||
        ptySockets.handleUpgrade(req, socket, head, sandbox, subPath, url) ||
        interpreterSockets.handleUpgrade(req, socket, head, sandbox, subPath)
      );
    },
    stopAll,
    async resolvePort(sandbox: LocalSandbox, port: number) {
      known.set(sandbox.id, sandbox);
      const described = await describePort(runner, sandbox, port);
      return described.state === 'listening' ? described.target : undefined;
    },
    describePort: (sandbox, port) => describePort(runner, sandbox, port),
    async dispose() {
      logSockets.close();
      ptySockets.close();
      interpreterSockets.close();
      await Promise.all([...known.keys()].map((id) => stopAll(id)));
      await runner.dispose();
      git.dispose();
    },
  };
}

interface ToolboxParts {
  readonly runner: Runner;
  readonly sessions: SessionStore;
  readonly git: GitRunner;
  readonly ptys: PtyStore;
  readonly interpreters: InterpreterStore;
}

/** Every toolbox HTTP route (the WebSocket upgrades are handled apart). */
function toolboxRouter({ runner, sessions, git, ptys, interpreters }: ToolboxParts): Router {
  const router = new Router();
  registerInfoRoutes(router);
  registerBasicFileRoutes(router);
  registerSearchRoutes(router);
  registerUploadRoute(router);
  registerDownloadRoute(router);
  registerSingleFileRoutes(router);
  registerCloneRoute(router, git);
  registerWorktreeRoutes(router, git);
  registerRemoteRoutes(router, git);
  registerExecuteRoutes(router, runner);
  registerSessionRoutes(router, sessions);
  registerPtyRoutes(router, ptys);
  registerPortRoutes(router, runner);
  registerInterpreterRoutes(router, interpreters);
  return router;
}

interface ToolboxRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly sandbox: LocalSandbox;
  readonly subPath: string;
  readonly url: URL;
}

/** Runs the matching route; every failure is answered as the daemon answers it (405/404 for unknown routes). */
async function handleRequest(router: Router, runner: Runner, { req, res, sandbox, subPath, url }: ToolboxRequest): Promise<void> {
  const method = req.method ?? 'GET';
  const match = router.match(method, subPath);
  try {
    // The sandbox's network comes up before its first process can run.
    await runner.prepare(sandbox);
    if (!match.handler) {
      throw match.pathKnown ? new DaemonError(405, 'BAD_REQUEST', `method ${method} not allowed on ${subPath}`) : new DaemonError(404, 'NOT_FOUND', `no toolbox route ${method} ${subPath}`);
    }
    await match.handler({ req, res, sandbox, url, params: match.params });
  } catch (err) {
    sendError(res, err, subPath, method, sandbox.daemonVersion);
  }
}
