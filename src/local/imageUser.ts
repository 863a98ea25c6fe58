// Whose home a sandbox has. Daytona's runner sets no container user: a snapshot sandbox runs as the snapshot's
// `daytona` user, an image sandbox as the image's own user, which is root unless the Dockerfile says USER
// (node:22-bookworm says nothing). The daemon reports that user's home as both home and work dir.
import type { SandboxRecord } from './store/sandboxRecord';

export interface SandboxUser {
  readonly user: string;
  readonly insideHome: string;
}

const DEFAULT_USER: SandboxUser = { user: 'daytona', insideHome: '/home/daytona' };

export function sandboxUser(record: Pick<SandboxRecord, 'buildInfo'>): SandboxUser {
  const dockerfile = record.buildInfo?.dockerfileContent;
  if (dockerfile === undefined) return DEFAULT_USER;
  const user = lastUser(dockerfile) ?? 'root';
  return user === 'root' || user === '0' ? { user: 'root', insideHome: '/root' } : { user, insideHome: `/home/${user}` };
}

/** The last `USER name[:group]` instruction's name, or undefined. A base image's own USER is not visible here. */
function lastUser(dockerfile: string): string | undefined {
  let user: string | undefined;
  for (const line of dockerfile.split('\n')) {
    const match = /^\s*USER\s+([A-Za-z0-9_.-]+)/i.exec(line);
    if (match) user = match[1];
  }
  return user;
}
