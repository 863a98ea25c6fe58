// Sandbox lifecycle: create, start, stop, archive, recover, delete and the interval settings.
// Start, stop and archive pass through Daytona's transitional states for `transitionMs` (./transitions.ts);
// with 0 they finish before the call returns.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from '../common/logger';
import type { LocalSandbox, Toolbox } from './contracts';
import type { CreateSandboxInput } from './api/createSandboxInput';
import { badRequest, conflict, sandboxNotFound } from './http/errors';
import { isoNow, type Clock } from './clock';
import { KeyedLock } from './keyedLock';
import type { SandboxStore } from './store/sandboxStore';
import type { SandboxRecord } from './store/sandboxRecord';
import type { VolumeStore } from './store/volumeStore';
import { isTransitionalState, TRANSITION_TARGET, TransitionTimers, type TransitionalState } from './transitions';
import { resolveVolumeMounts, volumeHostDir } from './volumeMounts';
import { sandboxUser } from './imageUser';
import { CURRENT_DAEMON_VERSION } from './toolbox/legacyDaemon';

export const LANGUAGE_LABEL = 'code-toolbox-language';

export type IntervalKind = 'autostop' | 'autoarchive' | 'autodelete' | 'autopause' | 'ttl';

export interface SandboxServiceDeps {
  readonly store: SandboxStore;
  readonly volumes: VolumeStore;
  readonly toolbox: Toolbox;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Called after a sandbox is deleted (closes its preview listeners). */
  readonly onDeleted: (sandboxId: string) => Promise<void>;
  /** How long start, stop and archive stay `starting` / `stopping` / `archiving` (default 0: synchronous). */
  readonly transitionMs?: number;
  /** The daemon version new sandboxes get (tests choose v0.190's error shape). */
  readonly daemonVersion: () => string;
}

export class SandboxService {
  private readonly lock = new KeyedLock();
  private readonly activityUnsaved = new Set<string>();
  private readonly transitions: TransitionTimers;

  constructor(private readonly deps: SandboxServiceDeps) {
    this.transitions = new TransitionTimers(deps.transitionMs ?? 0);
  }

  /** Drops pending transitions (the server is closing; a restart settles them). */
  dispose(): void {
    this.transitions.dispose();
  }

  /** The sandbox by id or name, or a Daytona 404. */
  require(idOrName: string): SandboxRecord {
    const record = this.deps.store.find(idOrName);
    if (record === undefined) {
      throw sandboxNotFound(idOrName);
    }
    return record;
  }

  /** The view of a sandbox the toolbox works with. */
  local(record: SandboxRecord): LocalSandbox {
    return {
      id: record.id,
      homeDir: this.deps.store.homeDir(record.id),
      ...sandboxUser(record),
      daemonVersion: record.daemonVersion ?? CURRENT_DAEMON_VERSION,
      runtimeDir: this.deps.store.runtimeDir(record.id),
      env: record.env,
      volumes: record.volumes.map((mount) => ({ hostDir: volumeHostDir(this.deps.volumes, mount), mountPath: mount.mountPath })),
      memoryGiB: record.memory,
      language: record.labels[LANGUAGE_LABEL] ?? 'python',
    };
  }

  async create(input: CreateSandboxInput): Promise<SandboxRecord> {
    if (input.name !== undefined && this.deps.store.nameTaken(input.name)) {
      throw conflict(`Sandbox with name ${input.name} already exists`);
    }
    const volumes = await resolveVolumeMounts(this.deps.volumes, input.volumes, new Date(this.deps.clock.now()));
    const id = randomUUID();
    const now = isoNow(this.deps.clock);
    const record: SandboxRecord = {
      id,
      name: input.name ?? id,
      ...(input.snapshot === undefined ? {} : { snapshot: input.snapshot }),
      user: input.user ?? 'daytona',
      daemonVersion: this.deps.daemonVersion(),
      env: input.env,
      labels: { [LANGUAGE_LABEL]: 'python', ...input.labels },
      public: input.public,
      target: input.target ?? 'local',
      cpu: input.cpu ?? 1,
      gpu: input.gpu ?? 0,
      ...(input.gpuType === undefined ? {} : { gpuType: input.gpuType }),
      memory: input.memory ?? 1,
      disk: input.disk ?? 3,
      volumes,
      ...(input.buildInfo === undefined ? {} : { buildInfo: input.buildInfo }),
      networkBlockAll: input.networkBlockAll,
      ...(input.networkAllowList === undefined ? {} : { networkAllowList: input.networkAllowList }),
      ...(input.domainAllowList === undefined ? {} : { domainAllowList: input.domainAllowList }),
      state: 'started',
      autoStopInterval: input.autoStopInterval ?? 15,
      autoPauseInterval: input.autoPauseInterval ?? 0,
      autoArchiveInterval: input.autoArchiveInterval ?? 10080,
      autoDeleteInterval: input.autoDeleteInterval ?? -1,
      ttlMinutes: input.ttlMinutes ?? 0,
      createdAt: now,
      updatedAt: now,
      lastActivityAt: now,
      authToken: newPreviewToken(),
    };
    await this.deps.store.create(record);
    this.deps.logger.info(`local backend: created sandbox ${id}`);
    return record;
  }

  /** Starts a stopped or archived sandbox; one in error only through `recover` (Daytona: "Sandbox is in an errored state"). */
  start(record: SandboxRecord, recovering = false): Promise<SandboxRecord> {
    return this.lock.run(record.id, async () => {
      this.assertAlive(record);
      if (record.state === 'error' && !recovering) {
        throw badRequest('Sandbox is in an errored state');
      }
      // Like Daytona: an archive in progress may be started (it is abandoned); other changes in progress conflict.
      if (record.state === 'stopping' || record.state === 'starting') {
        throw conflict('Sandbox state change in progress');
      }
      if (record.state !== 'started') {
        record.state = 'starting';
        record.authToken = newPreviewToken();
        delete record.errorReason;
        delete record.stoppedAt;
        record.lastActivityAt = isoNow(this.deps.clock);
        await this.persist(record);
        await this.finishLater(record, 'starting', () => Promise.resolve());
      }
      return record;
    });
  }

  /** Ends every process of the sandbox and keeps its files. A sandbox with auto-delete 0 is deleted. */
  stop(record: SandboxRecord, reason = 'request'): Promise<void> {
    return this.lock.run(record.id, async () => {
      this.assertAlive(record);
      if (isTransitionalState(record.state)) {
        throw conflict('Sandbox state change in progress');
      }
      if (record.state === 'started' || record.state === 'error') {
        await this.deps.toolbox.stopAll(record.id);
        record.state = 'stopping';
        await this.persist(record);
        await this.finishLater(record, 'stopping', async () => {
          record.stoppedAt = isoNow(this.deps.clock);
          this.deps.logger.info(`local backend: stopped sandbox ${record.id} (${reason})`);
          if (record.autoDeleteInterval === 0) await this.remove(record);
        });
      } else if (record.autoDeleteInterval === 0) {
        await this.remove(record);
      }
    });
  }

  archive(record: SandboxRecord): Promise<void> {
    return this.lock.run(record.id, async () => {
      this.assertAlive(record);
      if (record.state === 'archived' || record.state === 'archiving') {
        return;
      }
      if (isTransitionalState(record.state)) {
        throw conflict('Sandbox state change in progress');
      }
      if (record.state !== 'stopped') {
        throw badRequest('Sandbox is not stopped');
      }
      record.state = 'archiving';
      await this.persist(record);
      await this.finishLater(record, 'archiving', () => Promise.resolve());
    });
  }

  /** After `transitionMs`, ends the transition (unless the sandbox left that state meanwhile) and runs `then`. */
  private finishLater(record: SandboxRecord, from: TransitionalState, then: () => Promise<void>): Promise<void> {
    const finish = async (): Promise<void> => {
      if (this.deps.store.find(record.id) !== record || record.state !== from) return;
      record.state = TRANSITION_TARGET[from];
      await this.persist(record);
      await then();
    };
    return this.transitions.schedule(() => (this.transitions.delayMs > 0 ? this.lock.run(record.id, finish) : finish()));
  }

  /** Brings a sandbox in the error state back up; a started sandbox is left as it is. */
  async recover(record: SandboxRecord): Promise<SandboxRecord> {
    if (record.state !== 'error' && record.state !== 'started') {
      throw badRequest(`Sandbox ${record.id} is not in an error state`);
    }
    return this.start(record, true);
  }

  delete(record: SandboxRecord): Promise<void> {
    return this.lock.run(record.id, async () => {
      this.assertAlive(record);
      await this.remove(record);
    });
  }

  async setLabels(record: SandboxRecord, labels: Record<string, string>): Promise<void> {
    record.labels = labels;
    await this.persist(record);
  }

  async setInterval(record: SandboxRecord, kind: IntervalKind, minutes: number): Promise<void> {
    switch (kind) {
      case 'autostop': record.autoStopInterval = minutes; break;
      case 'autoarchive': record.autoArchiveInterval = minutes; break;
      case 'autodelete': record.autoDeleteInterval = minutes; break;
      case 'autopause': record.autoPauseInterval = minutes; break;
      case 'ttl': record.ttlMinutes = minutes; break;
    }
    await this.persist(record);
  }

  /** Records activity (toolbox request, preview request, POST last-activity): resets the auto-stop countdown. */
  touch(sandboxId: string): void {
    const record = this.deps.store.find(sandboxId);
    if (record !== undefined && record.id === sandboxId) {
      record.lastActivityAt = isoNow(this.deps.clock);
      this.activityUnsaved.add(sandboxId);
    }
  }

  /** Writes activity times that changed since the last write (called by the ticker, not per request). */
  async saveActivity(): Promise<void> {
    const ids = [...this.activityUnsaved];
    this.activityUnsaved.clear();
    for (const id of ids) {
      const record = this.deps.store.find(id);
      if (record !== undefined) {
        await this.deps.store.save(record);
      }
    }
  }

  private async remove(record: SandboxRecord): Promise<void> {
    await this.deps.toolbox.stopAll(record.id);
    await this.deps.onDeleted(record.id);
    await this.deps.store.remove(record.id);
    this.activityUnsaved.delete(record.id);
    this.deps.logger.info(`local backend: deleted sandbox ${record.id}`);
  }

  private async persist(record: SandboxRecord): Promise<void> {
    record.updatedAt = isoNow(this.deps.clock);
    await this.deps.store.save(record);
  }

  /** An operation queued behind a delete finds the record gone. */
  private assertAlive(record: SandboxRecord): void {
    if (this.deps.store.find(record.id) !== record) {
      throw sandboxNotFound(record.id);
    }
  }
}

/** A sandbox-wide preview token: random, URL-safe, never logged. */
export function newPreviewToken(): string {
  return randomBytes(24).toString('base64url');
}
