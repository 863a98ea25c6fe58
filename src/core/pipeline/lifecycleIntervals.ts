// The auto-archive / auto-delete intervals Forge asks for. Daytona's auto-delete picks only STOPPED sandboxes
// and both clocks run from the last activity (apps/api/src/sandbox/managers/sandbox.manager.ts, v0.190), so a
// sandbox archived first is never deleted: deletion happens only when it is due before the archive.
import type { Logger } from '../../common/logger';
import type { PreviewSettings } from './settings';

/** Daytona's meaning of autoArchiveInterval 0: its maximum, 30 days (MAX_AUTO_ARCHIVE_INTERVAL). */
export const MAX_ARCHIVE_MINUTES = 43_200;

export interface LifecycleIntervals {
  readonly autoArchiveInterval: number;
  readonly autoDeleteInterval: number;
}

/** The intervals as set; warns when the archive comes first, so the sandbox would never be deleted. */
export function lifecycleIntervals(settings: Pick<PreviewSettings, 'autoArchiveMinutes' | 'autoDeleteMinutes'>, logger: Logger): LifecycleIntervals {
  const archiveAfter = settings.autoArchiveMinutes === 0 ? MAX_ARCHIVE_MINUTES : settings.autoArchiveMinutes;
  if (settings.autoDeleteMinutes > 0 && archiveAfter <= settings.autoDeleteMinutes) {
    logger.warn(
      `forge.sandbox.autoArchiveMinutes (${settings.autoArchiveMinutes}) comes before forge.sandbox.autoDeleteMinutes (${settings.autoDeleteMinutes}): ` +
        'Daytona never auto-deletes an archived sandbox, so this one will stay archived until you delete it. Set the archive interval above the delete interval (or 0) to have it deleted.',
    );
  }
  return { autoArchiveInterval: settings.autoArchiveMinutes, autoDeleteInterval: settings.autoDeleteMinutes };
}
