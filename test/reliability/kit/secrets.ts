// Looks for secrets where they must never be: log lines, progress messages, user-facing errors, files.
import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';

export interface Secret {
  readonly name: string;
  readonly value: string;
}

export interface Leak {
  readonly secret: string;
  readonly where: string;
}

/** Where each secret occurs in `text`, as is or encoded (one entry per secret found). */
export function scanText(text: string, secrets: readonly Secret[], where: string): Leak[] {
  return secrets.filter((s) => s.value.length >= 8 && encodedForms(s.value).some((form) => text.includes(form))).map((s) => ({ secret: s.name, where }));
}

/**
 * The forms a secret takes on its way out: as is, URL-encoded, and base64 at each of the three byte alignments,
 * so `Authorization: Basic base64(user:token)` is found whatever the user name's length (the stable middle of
 * the encoding does not depend on what comes before or after).
 */
export function encodedForms(value: string): string[] {
  const forms = new Set([value, encodeURIComponent(value)]);
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.from(`${'\0'.repeat(shift)}${value}`).toString('base64');
    // Drop the characters that also encode the padding prefix, and the last group (it depends on what follows).
    const start = Math.ceil((shift * 4) / 3);
    const end = Math.floor(((shift + Buffer.byteLength(value)) * 4) / 3) - 3;
    if (end - start >= 8) forms.add(encoded.slice(start, end));
  }
  return [...forms];
}

const MAX_SCANNED_BYTES = 64 * 1024 * 1024;

/**
 * Scans every file under `root`. `secretsFor` picks the secrets to look for per file (sandbox.json holds its own
 * preview token by design). Files too big to read are reported as leaks of "unscanned" so they cannot hide one.
 */
export async function scanTree(root: string, secretsFor: (file: string) => readonly Secret[]): Promise<Leak[]> {
  const leaks: Leak[] = [];
  for (const file of await listFiles(root)) {
    const secrets = secretsFor(file);
    if (secrets.length === 0) continue;
    const info = await stat(file).catch(() => undefined);
    if (!info) continue;
    if (info.size > MAX_SCANNED_BYTES) {
      leaks.push({ secret: 'unscanned (file too big)', where: file });
      continue;
    }
    const content = await readFile(file).catch(() => undefined);
    if (!content) continue;
    const text = content.toString('latin1');
    leaks.push(...scanText(text, secrets, file));
  }
  return leaks;
}

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) out.push(full);
    }
  };
  await walk(root);
  return out;
}
