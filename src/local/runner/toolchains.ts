// Host directories that hold the JavaScript toolchain (node, npm, pnpm, yarn, corepack, bun) when it lives
// outside /usr, e.g. under nvm or volta: bound read-only into bubblewrap so dev tools work inside.
import { accessSync, constants, realpathSync } from 'node:fs';
import path from 'node:path';

const TOOLS = ['node', 'npm', 'npx', 'pnpm', 'yarn', 'corepack', 'bun'];
const SYSTEM_PREFIXES = ['/usr/', '/bin/', '/sbin/', '/lib/', '/lib64/', '/etc/'];

export interface Toolchains {
  /** Directories to bind read-only at the same path inside the sandbox. */
  readonly binds: readonly string[];
  /** PATH entries to add inside the sandbox, in host PATH order. */
  readonly pathEntries: readonly string[];
}

const cache = new Map<string, Toolchains>();

export function findToolchains(hostPath = process.env['PATH'] ?? '', nodeBinary = process.execPath): Toolchains {
  const key = `${nodeBinary}\0${hostPath}`;
  const known = cache.get(key);
  if (known) return known;
  const binds = new Set<string>();
  const pathEntries: string[] = [];
  const dirs = [path.dirname(nodeBinary), ...hostPath.split(':')].filter((d) => d.startsWith('/'));
  for (const dir of dirs) {
    for (const tool of TOOLS) {
      const candidate = path.join(dir, tool);
      const real = executableRealpath(candidate);
      if (!real || isSystem(candidate)) continue;
      // Bind the install prefix (`…/v20.1.0` for `…/v20.1.0/bin/node`) so the tool's own lib directory comes along.
      binds.add(path.basename(dir) === 'bin' ? path.dirname(dir) : dir);
      const realDir = path.dirname(real);
      const realPrefix = path.basename(realDir) === 'bin' ? path.dirname(realDir) : realDir;
      if (![...binds].some((b) => realPrefix === b || realPrefix.startsWith(b + '/'))) binds.add(realPrefix);
      if (!pathEntries.includes(dir)) pathEntries.push(dir);
    }
  }
  const found = { binds: [...binds], pathEntries };
  cache.set(key, found);
  return found;
}

function executableRealpath(file: string): string | undefined {
  try {
    accessSync(file, constants.X_OK);
    return realpathSync(file);
  } catch {
    return undefined;
  }
}

function isSystem(file: string): boolean {
  return SYSTEM_PREFIXES.some((p) => file.startsWith(p));
}
