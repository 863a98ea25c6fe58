import type { Sandbox } from '../../daytona/port';
import * as path from 'node:path';
import { planNextDevOrigins } from '../detect/nextConfigPatch';
import { previewHostEnv } from '../detect/previewAllowances';
import type { DetectedApp } from '../types';

/**
 * Makes the dev server accept requests for the preview's host name (Vite's allowedHosts through the environment,
 * Next.js's allowedDevOrigins through a wrapper config written in the sandbox only). Returns the environment to add.
 * Nothing is needed for IP previews such as the local backend's.
 */
export async function allowPreviewHost(sandbox: Sandbox, localRoot: string, repoPath: string, app: DetectedApp): Promise<Record<string, string>> {
  const link = await sandbox.getPreviewLink(app.port);
  const patch = await planNextDevOrigins(localRoot, app, link.url);
  if (patch) {
    for (const rename of patch.renames) {
      await sandbox.fs.moveFiles(path.posix.join(repoPath, rename.from), path.posix.join(repoPath, rename.to));
    }
    if (patch.writes.length > 0) {
      await sandbox.fs.uploadFiles(patch.writes.map((w) => ({ source: Buffer.from(w.content), destination: path.posix.join(repoPath, w.path) })));
    }
  }
  return previewHostEnv(link.url);
}
