// The embedded Daytona-compatible local backend: the management API, the toolbox and the preview proxy
// on 127.0.0.1, with sandboxes kept as directories under the data directory.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { resolve } from 'node:path';
import { ForgeError } from '../common/errors';
import type { Logger } from '../common/logger';
import { addPreviewRoutes } from './api/previewRoutes';
import { addSandboxRoutes } from './api/sandboxRoutes';
import { addVolumeRoutes } from './api/volumeRoutes';
import { ACTIVITY_POLL_MS } from './activity';
import { AutoLifecycle } from './autoLifecycle';
import { systemClock } from './clock';
import { closeBackend, createPreviewListeners, openStores } from './backendParts';
import type { Toolbox, ToolboxOptions } from './contracts';
import { defaultDataDir, lockDataDir, type DataDirLock } from './dataDir';
import { FaultInjector } from './faults';
import { RequestLog, type RecordedRequest } from './http/requestLog';
import { Router } from './http/router';
import { listenInRange, tryListen } from './http/reservedPorts';
import { resolveIsolation } from './isolation';
import { SandboxAgent } from './preview/sandboxConnection';
import { SandboxService } from './sandboxService';
import { attachBackendHandlers } from './server';
import { createToolbox } from './toolbox/index';
import { ToolboxRoute } from './toolboxRoute';
import { CURRENT_DAEMON_VERSION } from './toolbox/legacyDaemon';

export { FaultInjector, QUOTA_MESSAGE, type FaultEffect, type FaultRule } from './faults';
export { defaultDataDir } from './dataDir';

/** How long a new volume stays `pending_create` (Daytona's volume manager polls every 5 s; shorter here). */
const VOLUME_READY_MS = 1_000;

export interface LocalBackendOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one in Forge's range (see http/reservedPorts.ts). */
  readonly port?: number;
  /** The API key clients must send as `Authorization: Bearer …`; generated when absent. */
  readonly apiKey?: string;
  /** Where sandboxes live; default: the user cache directory (see `defaultDataDir`). */
  readonly dataDir?: string;
  /**
   * Isolate sandboxes (bubblewrap, a network of their own): true (default) requires it and fails with what to
   * install where it cannot work; false is the explicit choice to run repository code as plain processes.
   */
  readonly isolate?: boolean;
  readonly logger?: Logger;
  /** Serve `/_forge/faults` and apply fault rules (tests, `forge local serve --faults`); off by default. */
  readonly faults?: boolean;
  /**
   * For tests: a shorter minute for the auto-stop/archive/delete intervals, the tick that checks them, the signed-URL
   * grace; `transitionMs`: how long start/stop/archive stay `starting`/`stopping`/`archiving` (default 0);
   * `activityPollMs`: how often an open toolbox/preview connection refreshes the activity (default Daytona's 50 s);
   * `volumeReadyMs`: how long a new volume stays `pending_create` (default 1 s).
   * `now`: the backend's clock (signed URL expiry, activity), default `Date.now`.
   */
  readonly timing?: { readonly minuteMs?: number; readonly tickMs?: number; readonly signedExpiredGraceMs?: number; readonly transitionMs?: number; readonly activityPollMs?: number; readonly volumeReadyMs?: number; readonly now?: () => number };
  /** For tests: wrap or replace the toolbox (default: `createToolbox` from ./toolbox). */
  readonly toolboxFactory?: (options: ToolboxOptions) => Toolbox;
  /** For tests: keep every request as received (method, path, query, status, JSON body) in `requests`. Off by default. */
  readonly recordRequests?: boolean;
  /** The daemon version sandboxes are created with (default the current shape; `v0.190.0` answers errors as v0.190 did). */
  readonly daemonVersion?: string;
  /**
   * The sandbox memory limit: each sandbox's processes may hold `memory` GiB resident; over it the biggest is
   * killed (exit 137), as Daytona's container cgroup does. Tests shrink `bytesPerGiB`; false turns it off.
   */
  readonly memoryLimit?: { readonly bytesPerGiB?: number; readonly pollMs?: number } | false;
}

export interface LocalBackend {
  /** `http://127.0.0.1:P/api`: pass it as `apiUrl` to `new Daytona({ apiKey, apiUrl })`. */
  readonly apiUrl: string;
  readonly apiKey: string;
  readonly faults: FaultInjector;
  /** True when sandbox commands run inside bubblewrap, each sandbox in its own network namespace. */
  readonly isolated: boolean;
  readonly dataDir: string;
  /** With `recordRequests`: the requests received so far, oldest first (holds secrets: tests only). */
  readonly requests?: readonly RecordedRequest[];
  /** Chooses the daemon version of sandboxes created from now on (see LocalBackendOptions.daemonVersion). */
  setDaemonVersion(version: string | undefined): void;
  /** Ends every process any sandbox started and closes every listener. Safe to call twice. */
  close(): Promise<void>;
}

const silentLogger: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export async function startLocalBackend(options: LocalBackendOptions = {}): Promise<LocalBackend> {
  const logger = options.logger ?? silentLogger;
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  const lock = await lockDataDir(dataDir);
  try {
    return await startLocked(options, logger, dataDir, lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** Builds and starts the backend with the data directory locked (the caller frees it if this fails). */
async function startLocked(options: LocalBackendOptions, logger: Logger, dataDir: string, lock: DataDirLock): Promise<LocalBackend> {
  const isolated = await resolveIsolation(options.isolate ?? true, logger);
  const apiKey = options.apiKey ?? randomBytes(32).toString('base64url');
  const minuteMs = options.timing?.minuteMs ?? 60_000;
  const activityPollMs = options.timing?.activityPollMs ?? ACTIVITY_POLL_MS;
  const clock = options.timing?.now === undefined ? systemClock(minuteMs) : { now: options.timing.now, minuteMs };
  const { store, volumes } = await openStores(dataDir, options.timing?.volumeReadyMs ?? VOLUME_READY_MS, clock, logger);

  const faults = new FaultInjector(options.faults === true);
  const services: { sandbox?: SandboxService } = {};
  const toolbox = (options.toolboxFactory ?? createToolbox)({
    isolate: isolated,
    onActivity: (id) => services.sandbox?.touch(id),
    webSocketFault: (path) => faults.takeWebSocketFault(path),
    ...(options.memoryLimit !== undefined ? { memoryLimit: options.memoryLimit } : {}),
    log: (message) => logger.warn(`local backend: ${message}`),
  });
  const agent = new SandboxAgent({ keepAlive: true, maxFreeSockets: 16 });
  const previews = createPreviewListeners({
    store, toolbox, clock, apiKey, agent, logger, activityPollMs,
    signedExpiredGraceMs: options.timing?.signedExpiredGraceMs,
    service: () => service,
    origin: () => origin,
  });
  let daemonVersion = options.daemonVersion ?? CURRENT_DAEMON_VERSION;
  const service: SandboxService = new SandboxService({
    store, volumes, toolbox, clock, logger,
    onDeleted: (id) => previews.closeSandbox(id),
    transitionMs: options.timing?.transitionMs ?? 0,
    daemonVersion: () => daemonVersion,
  });
  services.sandbox = service;

  const server = createServer({ keepAliveTimeout: 5_000 });
  const sockets = trackSockets(server);
  const port = options.port ? await listenAt(server, options.port) : await listenInRange(server);
  const origin = `http://127.0.0.1:${port}`;
  const router = apiRouter({ service, store, volumes, previews, clock, toolboxProxyUrl: `${origin}/toolbox` });
  const requestLog = options.recordRequests ? new RequestLog() : undefined;
  attachBackendHandlers(server, { apiKey, router, toolboxRoute: new ToolboxRoute(service, toolbox, apiKey, activityPollMs), faults, logger, ...(requestLog ? { requestLog } : {}) });
  const lifecycle = new AutoLifecycle(store, service, clock, logger, options.timing?.tickMs ?? Math.max(10, Math.min(10_000, minuteMs / 6)));
  logger.info(`local backend: listening on ${origin} (data ${dataDir}, ${isolated ? 'isolated: bubblewrap, a network namespace per sandbox' : 'NOT isolated'})`);

  let closing: Promise<void> | undefined;
  return {
    apiUrl: `${origin}/api`,
    apiKey,
    faults,
    isolated,
    dataDir,
    ...(requestLog ? { requests: requestLog.requests } : {}),
    setDaemonVersion: (version) => {
      daemonVersion = version ?? CURRENT_DAEMON_VERSION;
    },
    close: () => (closing ??= closeBackend({ lifecycle, service, faults, server, sockets, previews, toolbox, agent, store, lock, logger })),
  };
}

/** The management API's routes: sandboxes, their previews, volumes. */
function apiRouter(deps: Parameters<typeof addSandboxRoutes>[1]): Router {
  const router = new Router();
  addSandboxRoutes(router, deps);
  addPreviewRoutes(router, deps);
  addVolumeRoutes(router, deps);
  return router;
}

/** Listens at exactly `port`, or says it is taken. */
async function listenAt(server: Server, port: number): Promise<number> {
  if (!(await tryListen(server, port))) {
    throw new ForgeError('backend-unavailable', `Port ${port} on 127.0.0.1 is already in use.`, { hint: 'Choose another port, or 0 for any free port.' });
  }
  return port;
}

function trackSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}
