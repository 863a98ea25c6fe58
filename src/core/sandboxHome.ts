// The sandbox's home as its daemon reports it: `/home/daytona` for snapshot sandboxes, the image user's home
// for image sandboxes (`/root` for node:22-bookworm, which sets no USER). Every sandbox path Forge builds
// starts from it, and commands (which start in the home) spell such paths relative to it.
import type { Sandbox } from '../daytona/port';
import { ForgeError } from '../common/errors';

/** Homes seen so far; Forge builds sandbox paths only under one of them. */
const knownHomes = new Set<string>(['/home/daytona']);

export async function sandboxHome(sandbox: Sandbox): Promise<string> {
  const dir = (await sandbox.getUserHomeDir())?.replace(/\/+$/, '');
  if (!dir || !dir.startsWith('/')) {
    throw new ForgeError('internal', `The sandbox did not report its home directory (got ${JSON.stringify(dir ?? null)}).`, {
      hint: 'Delete the sandbox (Sandboxes view) and preview again.',
    });
  }
  knownHomes.add(dir);
  return dir;
}

/** The home `sandboxPath` lies under (the longest known one), or undefined. */
export function homeOf(sandboxPath: string): string | undefined {
  let best: string | undefined;
  for (const home of knownHomes) {
    if ((sandboxPath === home || sandboxPath.startsWith(`${home}/`)) && (best === undefined || home.length > best.length)) best = home;
  }
  return best;
}
