// FileInfo as the daemon reports it (Go's os.FileInfo rendered to JSON).
import type { Stats } from 'node:fs';

export interface FileInfo {
  readonly name: string;
  readonly size: number;
  readonly mode: string;
  readonly modTime: string;
  readonly modifiedAt: string;
  readonly isDir: boolean;
  readonly owner: string;
  readonly group: string;
  readonly permissions: string;
  readonly path?: string;
}

export function toFileInfo(name: string, stat: Stats, insidePath?: string): FileInfo {
  return {
    name,
    size: stat.size,
    mode: goModeString(stat),
    modTime: goTimeString(stat.mtime),
    modifiedAt: stat.mtime.toISOString(),
    isDir: stat.isDirectory(),
    owner: String(stat.uid),
    group: String(stat.gid),
    permissions: (stat.mode & 0o777).toString(8).padStart(4, '0'),
    ...(insidePath === undefined ? {} : { path: insidePath }),
  };
}

/** Go's FileMode.String(): type letter then rwx triplets, e.g. `drwxr-xr-x`, `-rw-r--r--`, `Lrwxrwxrwx`. */
function goModeString(stat: Stats): string {
  const type = stat.isDirectory() ? 'd' : stat.isSymbolicLink() ? 'L' : stat.isFIFO() ? 'p' : stat.isSocket() ? 'S' : stat.isCharacterDevice() ? 'c' : stat.isBlockDevice() ? 'D' : '-';
  const rwx = 'rwxrwxrwx';
  let bits = '';
  for (let i = 0; i < 9; i++) bits += stat.mode & (1 << (8 - i)) ? rwx[i] : '-';
  return type + bits;
}

/** Go's time.Time.String() in UTC: `2006-01-02 15:04:05.999999999 +0000 UTC`. */
function goTimeString(date: Date): string {
  const iso = date.toISOString(); // 2006-01-02T15:04:05.123Z
  const [day, time] = iso.slice(0, -1).split('T') as [string, string];
  const trimmed = time.replace(/\.?0+$/, '');
  return `${day} ${trimmed} +0000 UTC`;
}
