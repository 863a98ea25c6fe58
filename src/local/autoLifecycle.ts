// Daytona's automatic lifecycle, for real: a started sandbox idle for `autoStopInterval` minutes stops;
// a stopped one archives after `autoArchiveInterval` minutes (0 = 30 days) and is deleted after
// `autoDeleteInterval` minutes (-1 = never). Like Daytona's auto-delete check (sandbox.manager.ts, which
// selects state STOPPED only), an archived sandbox is never deleted automatically: whichever comes first
// wins. A periodic tick checks; tests shrink the minute.
import type { Logger } from '../common/logger';
import type { Clock } from './clock';
import type { SandboxService } from './sandboxService';
import type { SandboxStore } from './store/sandboxStore';
import type { SandboxRecord } from './store/sandboxRecord';

const MAX_ARCHIVE_MINUTES = 30 * 24 * 60;

export class AutoLifecycle {
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: SandboxStore,
    private readonly service: SandboxService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    tickMs: number,
  ) {
    this.timer = setInterval(() => void this.tick(), tickMs);
    this.timer.unref();
  }

  /** One pass over every sandbox; overlapping ticks are skipped. */
  tick(): Promise<void> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async pass(): Promise<void> {
    for (const record of this.store.list()) {
      try {
        await this.apply(record);
      } catch (error) {
        this.logger.warn(`local backend: automatic lifecycle of ${record.id} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await this.service.saveActivity();
  }

  private async apply(record: SandboxRecord): Promise<void> {
    const now = this.clock.now();
    const minutesSince = (iso: string | undefined): number => (iso === undefined ? 0 : (now - Date.parse(iso)) / this.clock.minuteMs);
    if (record.state === 'started') {
      if (record.autoStopInterval > 0 && minutesSince(record.lastActivityAt) >= record.autoStopInterval) {
        await this.service.stop(record, `idle for ${record.autoStopInterval} min`);
      }
      return;
    }
    if (record.state !== 'stopped') {
      return;
    }
    // Daytona counts both from the last activity, not from the stop (sandbox.manager.ts).
    const stoppedFor = minutesSince(record.lastActivityAt);
    if (record.autoDeleteInterval >= 0 && stoppedFor >= record.autoDeleteInterval) {
      this.logger.info(`local backend: auto-deleting sandbox ${record.id} (inactive for ${record.autoDeleteInterval} min)`);
      await this.service.delete(record);
      return;
    }
    const archiveAfter = record.autoArchiveInterval === 0 ? MAX_ARCHIVE_MINUTES : record.autoArchiveInterval;
    if (stoppedFor >= archiveAfter) {
      await this.service.archive(record);
    }
  }
}
