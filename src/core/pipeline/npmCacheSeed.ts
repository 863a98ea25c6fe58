// A lower cache layer for npm: before `npm ci`, the tarballs the lockfile names are copied from a read-only
// cache (the user's own, which the local backend shows at HOST_NPM_CACHE) into the sandbox's writable cache.
// npm reads a tarball by its integrity when the lockfile has one, so the copied content is all it needs. A copy,
// never a link: repository code must not be able to write into the user's cache (a copy-on-write clone where the
// file system has them, which is as safe and costs no bytes).
import { quote } from 'shell-quote';

/** Where the local backend shows the user's npm `_cacache` (read-only); absent on Daytona and unisolated. */
export const HOST_NPM_CACHE = '/run/forge-host-cache/npm';

/**
 * Node script: argv lockfile, source `_cacache`, target `_cacache`. Copies each `content-v2/sha512/..` file the
 * lockfile's integrities name that the source has and the target lacks; prints how many. Never fails the install.
 */
const SEED_SCRIPT = String.raw`
const fs = require('fs'), path = require('path');
const [lockfile, from, to] = process.argv.slice(1);
let copied = 0, bytes = 0;
try {
  const lock = JSON.parse(fs.readFileSync(lockfile, 'utf8'));
  const seen = new Set();
  for (const entry of Object.values(lock.packages || lock.dependencies || {})) {
    for (const one of String((entry && entry.integrity) || '').split(/\s+/)) {
      const m = /^sha512-([A-Za-z0-9+/=]+)$/.exec(one);
      if (!m || seen.has(m[1])) continue;
      seen.add(m[1]);
      const hex = Buffer.from(m[1], 'base64').toString('hex');
      const rel = path.join('content-v2', 'sha512', hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
      const src = path.join(from, rel), dst = path.join(to, rel);
      if (fs.existsSync(dst) || !fs.existsSync(src)) continue;
      fs.mkdirSync(path.dirname(dst), { recursive: true });
      try { fs.copyFileSync(src, dst, fs.constants.COPYFILE_EXCL | fs.constants.COPYFILE_FICLONE); copied++; bytes += fs.statSync(dst).size; } catch {}
    }
  }
} catch {}
if (copied) console.log('Forge: ' + copied + ' packages (' + (bytes / 1048576).toFixed(1) + ' MB) from this machine\'s npm cache');
`;

/**
 * The shell step that seeds `npmCache` (the sandbox's npm cache folder, as the shell spells it) from the host
 * cache when there is one. A no-op without a lockfile of npm's or without a host cache.
 */
export function seedNpmCacheCommand(lockfile: string, npmCache: string): string {
  return `{ test ! -d ${HOST_NPM_CACHE} || node -e ${quote([SEED_SCRIPT])} ${quote([lockfile, HOST_NPM_CACHE])} "${npmCache}/_cacache"; }`;
}
