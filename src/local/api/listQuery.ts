// GET /sandbox: filters (labels as a JSON string, repeated `states` and `regionIds`, id/name prefixes ...), sorting and
// cursor pages `{items, nextCursor}`. The cursor names the last item returned, so pages stay consistent
// when sandboxes are created or deleted between calls.
import type { SandboxRecord } from '../store/sandboxRecord';
import { badRequest } from '../http/errors';
import { isObject } from './fields';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 200;
const SORT_FIELDS = ['createdAt', 'name', 'cpu', 'memoryGib', 'diskGib', 'lastActivityAt'] as const;
type SortField = (typeof SORT_FIELDS)[number];

export interface ListPage {
  readonly items: SandboxRecord[];
  readonly nextCursor: string | null;
}

export function listSandboxes(records: readonly SandboxRecord[], query: URLSearchParams): ListPage {
  const limit = readLimit(query.get('limit'));
  const sort = readSort(query.get('sort'));
  const descending = (query.get('order') ?? 'desc') !== 'asc';
  const matching = records.filter(filterFor(query));
  const compare = (a: SortKey, b: SortKey): number => {
    const order = a.value < b.value ? -1 : a.value > b.value ? 1 : a.id.localeCompare(b.id);
    return descending ? -order : order;
  };
  const sorted = matching.map((record) => ({ record, key: sortKey(record, sort) })).sort((a, b) => compare(a.key, b.key));
  const cursor = readCursor(query.get('cursor'));
  const remaining = cursor === undefined ? sorted : sorted.filter((item) => compare(item.key, cursor) > 0);
  const page = remaining.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((item) => item.record),
    nextCursor: remaining.length > limit && last !== undefined ? Buffer.from(JSON.stringify(last.key)).toString('base64url') : null,
  };
}

interface SortKey {
  readonly value: string | number;
  readonly id: string;
}

function sortKey(record: SandboxRecord, field: SortField): SortKey {
  const values: Record<SortField, string | number> = {
    createdAt: record.createdAt,
    name: record.name,
    cpu: record.cpu,
    memoryGib: record.memory,
    diskGib: record.disk,
    lastActivityAt: record.lastActivityAt,
  };
  return { value: values[field], id: record.id };
}

function filterFor(query: URLSearchParams): (record: SandboxRecord) => boolean {
  const labels = readLabels(query.get('labels'));
  const states = query.getAll('states');
  const snapshots = query.getAll('snapshots');
  // The SDK sends `targets` as `regionIds`; Daytona matches them against the sandbox's region, its target (sandbox.service.ts).
  const regions = query.getAll('regionIds');
  const idPrefix = query.get('id')?.toLowerCase();
  const namePrefix = query.get('name')?.toLowerCase();
  const isPublic = query.get('isPublic');
  const ranges: [string, (record: SandboxRecord) => number][] = [['Cpu', (r) => r.cpu], ['MemoryGiB', (r) => r.memory], ['DiskGiB', (r) => r.disk], ['Gpu', (r) => r.gpu]];
  return (record) =>
    Object.entries(labels).every(([key, value]) => record.labels[key] === value) &&
    (states.length === 0 || states.includes(record.state)) &&
    (snapshots.length === 0 || (record.snapshot !== undefined && snapshots.includes(record.snapshot))) &&
    (regions.length === 0 || regions.includes(record.target)) &&
    (idPrefix === undefined || record.id.toLowerCase().startsWith(idPrefix)) &&
    (namePrefix === undefined || record.name.toLowerCase().startsWith(namePrefix)) &&
    (isPublic === null || String(record.public) === isPublic) &&
    ranges.every(([name, read]) => inRange(read(record), query.get(`min${name}`), query.get(`max${name}`)));
}

function inRange(value: number, min: string | null, max: string | null): boolean {
  return (min === null || value >= Number(min)) && (max === null || value <= Number(max));
}

function readLabels(raw: string | null): Record<string, string> {
  if (raw === null || raw === '') {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest('labels must be a JSON object of strings, e.g. {"app":"web"}');
  }
  if (!isObject(parsed) || !Object.values(parsed).every((value) => typeof value === 'string')) {
    throw badRequest('labels must be a JSON object of strings, e.g. {"app":"web"}');
  }
  return parsed as Record<string, string>;
}

function readLimit(raw: string | null): number {
  if (raw === null) {
    return DEFAULT_LIMIT;
  }
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw badRequest(`limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  return limit;
}

function readSort(raw: string | null): SortField {
  if (raw === null) {
    return 'lastActivityAt'; // Daytona's default (list-sandboxes-query.dto.ts), newest first
  }
  const field = SORT_FIELDS.find((candidate) => candidate === raw);
  if (field === undefined) {
    throw badRequest(`sort must be one of ${SORT_FIELDS.join(', ')}`);
  }
  return field;
}

function readCursor(raw: string | null): SortKey | undefined {
  if (raw === null || raw === '') {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (isObject(parsed) && typeof parsed['id'] === 'string' && (typeof parsed['value'] === 'string' || typeof parsed['value'] === 'number')) {
      return { value: parsed['value'], id: parsed['id'] };
    }
  } catch {
    // fall through to the 400 below
  }
  throw badRequest('cursor is not a cursor returned by this server');
}
