// Files that usually hold secrets (`.env*`, keys, certificates): never sent to a sandbox unless the user
// names them (or a folder above them) in `forge.sync.includeIgnored`. An untracked `.env` that git does not
// ignore is a common mistake, and the sandbox runs code the user has not read.
import * as path from 'node:path';
import { isSafeRelativePath, toPosix } from './pathSafety';

/** Templates that exist to be committed and shared. */
const TEMPLATE_SUFFIXES = ['.example', '.sample', '.template', '.dist'];

export const SECRET_FILE_REASON = 'it looks like a secret (.env, key or certificate); add it to forge.sync.includeIgnored to send it';

export function looksSecret(relative: string): boolean {
  const name = path.posix.basename(toPosix(relative)).toLowerCase();
  if (TEMPLATE_SUFFIXES.some((suffix) => name.endsWith(suffix))) return false;
  return name === '.env' || name.startsWith('.env.') || name.endsWith('.pem') || name.endsWith('.key') || name.startsWith('id_') || name === '.npmrc' || name === '.netrc';
}

/** Whether `includeIgnored` names this path or a folder above it. */
export function isOptedIn(includeIgnored: readonly string[], relative: string): boolean {
  return includeIgnored
    .map((raw) => toPosix(raw.trim()).replace(/^\.\//, '').replace(/\/+$/, ''))
    .filter((p) => p !== '' && isSafeRelativePath(p))
    .some((p) => relative === p || relative.startsWith(`${p}/`));
}

/** Splits paths into those that may travel and the secret-looking ones the user did not opt in. */
export function withoutSecretFiles<T>(items: readonly T[], pathOf: (item: T) => string, includeIgnored: readonly string[]): { keep: T[]; secret: string[] } {
  const keep: T[] = [];
  const secret: string[] = [];
  for (const item of items) {
    const relative = pathOf(item);
    if (looksSecret(relative) && !isOptedIn(includeIgnored, relative)) secret.push(relative);
    else keep.push(item);
  }
  return { keep, secret };
}

/** The one sentence that says which files stayed home. */
export function secretFilesMessage(paths: readonly string[]): string {
  const shown = `${paths.slice(0, 8).join(', ')}${paths.length > 8 ? ', …' : ''}`;
  return paths.length === 1
    ? `Not sending 1 file that looks like a secret: ${shown} (add it to forge.sync.includeIgnored to send it).`
    : `Not sending ${paths.length} files that look like secrets: ${shown} (add them to forge.sync.includeIgnored to send them).`;
}
