import type { Logger } from '../../common/logger';

/**
 * Runs reinstalls one at a time; requests that arrive while one runs are merged into a single next run, so a burst
 * of manifest saves costs at most two installs.
 */
export class ReinstallRunner {
  private chain: Promise<void> = Promise.resolve();
  private queued: Set<string> | undefined;
  private active = 0;
  private lastError: string | undefined;

  constructor(
    private readonly run: (paths: readonly string[]) => Promise<void>,
    private readonly onChange: () => void,
    private readonly logger: Logger,
  ) {}

  get busy(): boolean {
    return this.active > 0;
  }

  /** Why the last reinstall failed, until one succeeds. */
  get error(): string | undefined {
    return this.lastError;
  }

  request(paths: readonly string[]): void {
    if (this.queued) {
      for (const p of paths) this.queued.add(p);
      return;
    }
    const queued = new Set(paths);
    this.queued = queued;
    this.active++;
    this.onChange();
    this.chain = this.chain.then(async () => {
      this.queued = undefined;
      this.logger.info(`${[...queued].join(', ')} changed: reinstalling dependencies and restarting the dev server`);
      try {
        await this.run([...queued]);
        this.lastError = undefined;
      } catch (error) {
        this.lastError = `Reinstalling after a change to ${[...queued].join(', ')} failed: ${error instanceof Error ? error.message : String(error)}`;
        this.logger.warn(this.lastError);
      } finally {
        this.active--;
        this.onChange();
      }
    });
  }
}
