// Host programs the runner starts (nsenter, bwrap) are found on the backend's own PATH, never on the PATH a
// sandbox process gets (its environment may name other directories).
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const found = new Map<string, string>();

export function hostBinary(name: string): string {
  const known = found.get(name);
  if (known) return known;
  for (const dir of (process.env['PATH'] ?? '/usr/bin:/bin').split(':').filter((d) => d.startsWith('/'))) {
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      found.set(name, path.join(dir, name));
      return path.join(dir, name);
    } catch {
      // not here
    }
  }
  return name;
}
