import { detectApps } from '../detect/detectApps';
import { listChangesSince, readRepoFacts } from '../repo/facts';
import { listFilesToUpload } from '../repo/files';
import { SECRET_FILE_REASON, secretFilesMessage } from '../repo/secretFiles';
import type { Logger } from '../../common/logger';
import type { WorkingTreeReader } from './workingTree';

/** The working tree as git and the detection libraries see it, read locally (no network). */
export function createWorkingTreeReader(logger?: Logger): WorkingTreeReader {
  return {
    facts: (folder, githubHost) => readRepoFacts(folder, { githubHost, ...(logger ? { logger } : {}) }),
    changesSince: (facts, commit) => listChangesSince(facts, commit),
    listFiles: async (root, includeIgnored) => {
      const listing = await listFilesToUpload(root, { includeIgnored });
      const secret = listing.skipped.filter((s) => s.reason === SECRET_FILE_REASON).map((s) => s.path);
      if (secret.length > 0) logger?.warn(secretFilesMessage(secret));
      for (const skipped of listing.skipped) if (skipped.reason !== SECRET_FILE_REASON) logger?.warn(`Not uploading ${skipped.path}: ${skipped.reason}`);
      return listing.files;
    },
    detect: (root, overrides) => detectApps(root, { ...overrides, ...(logger ? { logger } : {}) }),
  };
}
