import { readFile } from 'node:fs/promises';
import { ForgeError } from '../../common/errors';

/** The parts of package.json detection reads. Everything else is ignored. */
export interface PackageJson {
  readonly name?: string;
  readonly type?: string;
  readonly scripts: Readonly<Record<string, string>>;
  readonly dependencies: Readonly<Record<string, string>>;
  readonly packageManager?: string;
}

/**
 * Reads and validates a package.json. Undefined when the file does not exist; a `bad-package-json` ForgeError naming
 * the file and the line/column of the JSON error when it cannot be parsed or is not an object.
 */
export async function readPackageJson(file: string): Promise<PackageJson | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw new ForgeError('bad-package-json', `Cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  // npm tolerates a byte-order mark; JSON.parse does not.
  const source = text.replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    throw new ForgeError('bad-package-json', `${file} is not valid JSON: ${describeJsonError(error, source)}.`, {
      hint: 'Fix the file (an editor shows the error) and try again.',
      cause: error,
    });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ForgeError('bad-package-json', `${file} must contain a JSON object.`, { hint: 'Fix the file and try again.' });
  }
  const record = data as Record<string, unknown>;
  return {
    ...(typeof record['name'] === 'string' && record['name'] ? { name: record['name'] } : {}),
    ...(typeof record['type'] === 'string' ? { type: record['type'] } : {}),
    ...(typeof record['packageManager'] === 'string' ? { packageManager: record['packageManager'] } : {}),
    scripts: stringRecord(record['scripts']),
    dependencies: { ...stringRecord(record['dependencies']), ...stringRecord(record['devDependencies']) },
  };
}

/** "Expected double-quoted property name at line 5, column 3" from V8's "… in JSON at position 68". */
export function describeJsonError(error: unknown, source: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /at position (\d+)/.exec(message);
  const position = match?.[1] !== undefined ? Number(match[1]) : /end of JSON input/i.test(message) ? source.length : undefined;
  const reason = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
  if (position === undefined) return reason;
  const before = source.slice(0, position).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return `${reason} at line ${line}, column ${column}`;
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') result[key] = entry;
  return result;
}
