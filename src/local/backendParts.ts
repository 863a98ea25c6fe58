// The pieces startLocalBackend assembles: the stores loaded from the data directory, the preview link
// listeners' view of the backend, and the order in which a running backend shuts down.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import type { Logger } from '../common/logger';
import type { AutoLifecycle } from './autoLifecycle';
import { isoNow, type Clock } from './clock';
import type { Toolbox } from './contracts';
import type { DataDirLock } from './dataDir';
import type { FaultInjector } from './faults';
import { PreviewLinkListeners } from './preview/linkListeners';
import type { SandboxAgent } from './preview/sandboxConnection';
import type { SandboxService } from './sandboxService';
import { SandboxStore } from './store/sandboxStore';
import { VolumeStore } from './store/volumeStore';

/** Loads the sandbox and volume records; sandboxes whose processes died with the last server come back stopped. */
export async function openStores(dataDir: string, volumeReadyMs: number, clock: Clock, logger: Logger): Promise<{ store: SandboxStore; volumes: VolumeStore }> {
  const store = new SandboxStore(join(dataDir, 'sandboxes'));
  const volumes = new VolumeStore(join(dataDir, 'volumes'), volumeReadyMs);
  for (const name of await store.load()) {
    logger.warn(`local backend: ignoring ${join(dataDir, 'sandboxes', name)}: no valid sandbox.json`);
  }
  await volumes.load();
  await stopRecordsOfDeadProcesses(store, clock);
  return { store, volumes };
}

/**
 * Sandboxes that were started (or starting, stopping) when the last server ended have lost their processes: they
 * come back stopped; an archive in progress is done.
 */
async function stopRecordsOfDeadProcesses(store: SandboxStore, clock: Clock): Promise<void> {
  for (const record of store.list()) {
    if (record.state === 'archiving') {
      record.state = 'archived';
      await store.save(record);
    } else if (record.state === 'started' || record.state === 'starting' || record.state === 'stopping') {
      record.state = 'stopped';
      record.stoppedAt = isoNow(clock);
      await store.save(record);
    }
  }
}

export interface PreviewParts {
  readonly store: SandboxStore;
  readonly toolbox: Toolbox;
  readonly clock: Clock;
  readonly apiKey: string;
  readonly agent: SandboxAgent;
  readonly logger: Logger;
  readonly activityPollMs: number;
  readonly signedExpiredGraceMs: number | undefined;
  /** Made after the listeners (it closes their links when a sandbox is deleted): asked for when needed. */
  readonly service: () => SandboxService;
  /** Known once the server listens. */
  readonly origin: () => string;
}

export function createPreviewListeners(parts: PreviewParts): PreviewLinkListeners {
  const { store, toolbox, clock } = parts;
  return new PreviewLinkListeners(
    {
      find: (id) => {
        const record = store.find(id);
        return record === undefined || record.id !== id ? undefined : { record, sandbox: parts.service().local(record) };
      },
      resolvePort: (sandbox, port) => toolbox.resolvePort(sandbox, port),
      touch: (id) => parts.service().touch(id),
      activityPollMs: parts.activityPollMs,
      now: () => clock.now(),
      // No sign-in here: the API server refuses browsers, which is all the redirect needs (another origin).
      loginUrl: () => `${parts.origin()}/login`,
      apiKey: parts.apiKey,
      agent: parts.agent,
      logger: parts.logger,
    },
    parts.signedExpiredGraceMs,
  );
}

export interface RunningParts {
  readonly lifecycle: AutoLifecycle;
  readonly service: SandboxService;
  readonly faults: FaultInjector;
  readonly server: Server;
  readonly sockets: Set<Socket>;
  readonly previews: PreviewLinkListeners;
  readonly toolbox: Toolbox;
  readonly agent: SandboxAgent;
  readonly store: SandboxStore;
  readonly lock: DataDirLock;
  readonly logger: Logger;
}

/** Stops the timers, the listeners and every sandbox process, then saves what must survive and frees the data directory. */
export async function closeBackend(parts: RunningParts): Promise<void> {
  const { server } = parts;
  await parts.lifecycle.stop();
  parts.service.dispose();
  parts.faults.dispose();
  const closed = new Promise<void>((done) => server.close(() => done()));
  server.closeIdleConnections();
  await parts.previews.close();
  await parts.toolbox.dispose();
  for (const socket of parts.sockets) {
    socket.destroy();
  }
  await closed;
  parts.agent.destroy();
  await parts.service.saveActivity();
  await parts.store.flush();
  await parts.lock.release();
  parts.logger.info('local backend: stopped');
}
