import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { getNodeValue, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { ForgeError } from '../../common/errors';

/** A lifecycle command as devcontainer.json spells it: a shell string, an argv array, or named parallel commands. */
export type LifecycleCommand = string | readonly string[] | Readonly<Record<string, string | readonly string[]>>;

export interface PortAttributes {
  readonly label?: string;
  readonly onAutoForward?: string;
}

/** The keys Forge honours, each present only when well-formed. */
export interface DevcontainerConfig {
  readonly forwardPorts?: readonly (number | string)[];
  readonly appPort?: readonly (number | string)[];
  readonly portsAttributes?: Readonly<Record<string, PortAttributes>>;
  readonly containerEnv?: Readonly<Record<string, string>>;
  readonly remoteEnv?: Readonly<Record<string, string>>;
  readonly postCreateCommand?: LifecycleCommand;
  readonly postStartCommand?: LifecycleCommand;
  readonly image?: string;
}

export interface ParsedDevcontainer {
  /** Path relative to the repository root, e.g. `.devcontainer/devcontainer.json`. */
  readonly file: string;
  readonly config: DevcontainerConfig;
  /** Keys present but not used: unknown to Forge, unsupported, or not of the expected type. */
  readonly ignored: readonly string[];
}

/** Where Dev Containers look, in order. */
export const DEVCONTAINER_FILES = ['.devcontainer/devcontainer.json', '.devcontainer.json'] as const;

/** Reads the repository's devcontainer.json, if it has one. A malformed file is an error naming the file and line. */
export async function readDevcontainer(root: string): Promise<ParsedDevcontainer | undefined> {
  for (const file of DEVCONTAINER_FILES) {
    const text = await readFile(path.join(root, file), 'utf8').catch(() => undefined);
    if (text !== undefined) return parseDevcontainer(text, file);
  }
  return undefined;
}

/** Parses devcontainer.json (JSON with comments and trailing commas) and keeps the keys Forge honours. */
export function parseDevcontainer(text: string, file: string): ParsedDevcontainer {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const [first] = errors;
  if (first) throw syntaxError(text, file, first);
  const value: unknown = tree ? getNodeValue(tree) : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ForgeError('bad-setting', `${file} is not a JSON object.`, { hint: `Fix ${file} (it should start with "{"), or remove it.` });
  }
  const config: Record<string, unknown> = {};
  const ignored: string[] = [];
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const read = READERS[key];
    const kept = read ? read(raw) : undefined;
    if (kept === undefined) ignored.push(key);
    else config[key] = kept;
  }
  return { file, config: config, ignored };
}

type Reader = (raw: unknown) => unknown;

const READERS: Readonly<Record<string, Reader>> = {
  forwardPorts: (raw) => portList(raw),
  appPort: (raw) => portList(Array.isArray(raw) ? raw : [raw]),
  portsAttributes: (raw) => record(raw, (v) => (isObject(v) ? attributes(v) : undefined)),
  containerEnv: (raw) => record(raw, (v) => (typeof v === 'string' ? v : undefined)),
  remoteEnv: (raw) => record(raw, (v) => (typeof v === 'string' ? v : undefined)),
  postCreateCommand: (raw) => lifecycle(raw),
  postStartCommand: (raw) => lifecycle(raw),
  image: (raw) => (typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined),
};

function portList(raw: unknown): (number | string)[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const ports = raw.filter((p): p is number | string => (typeof p === 'number' && Number.isInteger(p)) || typeof p === 'string');
  return ports.length > 0 ? ports : undefined;
}

function attributes(raw: Record<string, unknown>): PortAttributes {
  return {
    ...(typeof raw['label'] === 'string' ? { label: raw['label'] } : {}),
    ...(typeof raw['onAutoForward'] === 'string' ? { onAutoForward: raw['onAutoForward'] } : {}),
  };
}

function lifecycle(raw: unknown): LifecycleCommand | undefined {
  if (typeof raw === 'string') return raw.trim() === '' ? undefined : raw;
  if (isStringArray(raw)) return raw.length > 0 ? raw : undefined;
  return record(raw, (v) => (typeof v === 'string' || isStringArray(v) ? v : undefined));
}

function record<T>(raw: unknown, read: (value: unknown) => T | undefined): Record<string, T> | undefined {
  if (!isObject(raw)) return undefined;
  const out: Record<string, T> = {};
  for (const [key, value] of Object.entries(raw)) {
    const kept = read(value);
    if (kept !== undefined) out[key] = kept;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function isObject(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

function isStringArray(raw: unknown): raw is string[] {
  return Array.isArray(raw) && raw.every((v) => typeof v === 'string');
}

function syntaxError(text: string, file: string, error: ParseError): ForgeError {
  const before = text.slice(0, error.offset);
  const line = before.split('\n').length;
  const column = error.offset - before.lastIndexOf('\n');
  return new ForgeError('bad-setting', `${file} line ${line}, column ${column}: ${describe(printParseErrorCode(error.error))}.`, {
    hint: `Fix ${file} (it is JSON with comments), or remove it to preview without it.`,
  });
}

/** `PropertyNameExpected` → `property name expected`. */
function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
