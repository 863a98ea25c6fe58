import { detectApps } from '../detect/detectApps';
import { listChangesSince, readRepoFacts } from '../repo/facts';
import { listFilesToUpload } from '../repo/files';
import type { Logger } from '../types';
import type { WorkingTreeReader } from './workingTree';

/** The working tree as git and the detection libraries see it, read locally (no network). */
export function createWorkingTreeReader(logger?: Logger): WorkingTreeReader {
  return {
    facts: (folder, githubHost) => readRepoFacts(folder, { githubHost, ...(logger ? { logger } : {}) }),
    changesSince: (facts, commit) => listChangesSince(facts, commit),
    listFiles: async (root, includeIgnored) => {
      const listing = await listFilesToUpload(root, { includeIgnored });
      for (const skipped of listing.skipped) logger?.warn(`Not uploading ${skipped.path}: ${skipped.reason}`);
      return listing.files;
    },
    detect: (root, overrides) => detectApps(root, { ...overrides, ...(logger ? { logger } : {}) }),
  };
}
