// The JavaScript toolchain (node, npm, pnpm, yarn, corepack, bun) when it lives outside /usr, e.g. under nvm,
// volta or fnm: what to bind read-only into bubblewrap so dev tools work inside. Exactly each tool's real
// install prefix (resolved through symlinks: `…/v20.1.0` for `…/v20.1.0/bin/node`), never a home directory or
// a directory above one; where the prefix would be a home (`~/bin/node`), only the executable itself.
import { accessSync, constants, existsSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const TOOLS = ['node', 'npm', 'npx', 'pnpm', 'yarn', 'corepack', 'bun'];
const SYSTEM_PREFIXES = ['/usr/', '/bin/', '/sbin/', '/lib/', '/lib64/', '/etc/'];

export interface Toolchains {
  /** Host paths (directories, or single executables) to bind read-only at the same path inside. */
  readonly binds: readonly string[];
  /** PATH entries to add inside the sandbox, in host PATH order; each is inside a bind. */
  readonly pathEntries: readonly string[];
}

const cache = new Map<string, Toolchains>();

export function findToolchains(hostPath = process.env['PATH'] ?? '', nodeBinary = process.execPath, homes = knownHomes()): Toolchains {
  const key = `${nodeBinary}\0${hostPath}\0${homes.join(':')}`;
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
      const prefix = installPrefix(real);
      const safe = prefix !== undefined && looksLikeInstall(prefix) && !isHomeOrAbove(prefix, homes);
      binds.add(safe ? prefix : real);
      // The PATH entry inside: the host's when it lies in what is bound (nvm's bin), else where the tool really is.
      const inside = safe && isWithin(dir, prefix) ? dir : safe && existsSync(path.join(prefix, 'bin', tool)) ? path.join(prefix, 'bin') : path.dirname(real);
      if (!pathEntries.includes(inside)) pathEntries.push(inside);
    }
  }
  const found = { binds: minimal([...binds]), pathEntries };
  cache.set(key, found);
  return found;
}

/** `<p>` for `<p>/bin/<tool>` and `<p>/lib/node_modules/<pkg>/…` (npm, corepack, pnpm installed by npm). */
function installPrefix(real: string): string | undefined {
  const marker = real.lastIndexOf('/lib/node_modules/');
  if (marker > 0) return real.slice(0, marker);
  const dir = path.dirname(real);
  return path.basename(dir) === 'bin' ? path.dirname(dir) : undefined;
}

/**
 * A toolchain's own prefix: it holds Node's `lib/node_modules` or `include/node`, or is volta's or bun's home.
 * `~/.local` never is (its share/ and state/ hold the user's data, keyrings included).
 */
function looksLikeInstall(prefix: string): boolean {
  const name = path.basename(prefix);
  if (name === '.local') return false;
  return name === '.volta' || name === '.bun' || existsSync(path.join(prefix, 'lib', 'node_modules')) || existsSync(path.join(prefix, 'include', 'node'));
}

/** The user's home and what looks like one (holds `.ssh`, `.gnupg` or `.bashrc`), or any directory above them. */
function isHomeOrAbove(dir: string, homes: readonly string[]): boolean {
  if (dir === '/' || homes.some((home) => home === dir || home.startsWith(`${dir}/`))) return true;
  return ['.ssh', '.gnupg', '.bashrc', '.profile'].some((name) => existsSync(path.join(dir, name)));
}

function knownHomes(): string[] {
  return [...new Set([os.homedir(), process.env['HOME'] ?? ''].filter((h) => h.startsWith('/')).map((h) => safeRealpath(h)))];
}

function minimal(paths: string[]): string[] {
  return paths.filter((p) => !paths.some((other) => other !== p && isWithin(p, other)));
}

const isWithin = (child: string, parent: string): boolean => child === parent || child.startsWith(`${parent}/`);

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
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
