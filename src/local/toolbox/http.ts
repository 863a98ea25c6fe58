// Small HTTP helpers for the toolbox routes: JSON in and out, daemon-shaped errors, query parameters.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DaemonErrorBody } from '../contracts';
import { noteJsonBody } from '../http/requestLog';
import { isJsonContentType } from '../http/requestGuard';
import { DaemonError, badRequest } from './daemonError';
import { CURRENT_DAEMON_VERSION, isLegacyDaemon, legacyError, type LegacyError } from './legacyDaemon';

export type LegacyErrorBody = LegacyError & { readonly timestamp: string; readonly path: string; readonly method: string };

const MAX_JSON_BODY = 16 * 1024 * 1024;

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BODY) throw new DaemonError(400, 'INVALID_REQUEST_BODY', 'request body too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return {};
  if (!isJsonContentType(req.headers['content-type'])) {
    throw new DaemonError(415, 'INVALID_REQUEST_BODY', 'request body must be sent as Content-Type: application/json');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new DaemonError(400, 'INVALID_REQUEST_BODY', 'invalid request body: not JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new DaemonError(400, 'INVALID_REQUEST_BODY', 'invalid request body: expected a JSON object');
  }
  noteJsonBody(req, parsed);
  return parsed as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-length': 0 });
  res.end();
}

/** The error body; a legacy daemon (≤ v0.190, see legacyDaemon.ts) sends no `source` and only generic codes. */
export function daemonErrorBody(err: DaemonError, path: string, method: string, daemonVersion = CURRENT_DAEMON_VERSION): DaemonErrorBody | LegacyErrorBody {
  if (isLegacyDaemon(daemonVersion)) return { ...legacyError(err), timestamp: new Date().toISOString(), path, method };
  return {
    statusCode: err.statusCode,
    message: err.message,
    code: err.code,
    source: 'DAYTONA_DAEMON',
    timestamp: new Date().toISOString(),
    path,
    method,
  };
}

export function sendError(res: ServerResponse, err: unknown, path: string, method: string, daemonVersion?: string): void {
  const daemonErr =
    err instanceof DaemonError
      ? err
      : new DaemonError(500, 'INTERNAL_SERVER_ERROR', err instanceof Error ? err.message : String(err));
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = daemonErrorBody(daemonErr, path, method, daemonVersion);
  sendJson(res, body.statusCode, body);
}

/** A required string field of a JSON body. */
export function requireString(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') throw badRequest(`${key} is required`);
  return value;
}

export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw badRequest(`${key} must be a string`);
  return value;
}

export function optionalNumber(body: Record<string, unknown>, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badRequest(`${key} must be a number`);
  return value;
}

export function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${key} must be a boolean`);
  return value;
}

export function stringArray(body: Record<string, unknown>, key: string): string[] {
  const value = body[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw badRequest(`${key} must be an array of strings`);
  return value as string[];
}

export function stringRecord(body: Record<string, unknown>, key: string): Record<string, string> {
  const value = body[key];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw badRequest(`${key} must be an object of strings`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (typeof v !== 'string') throw badRequest(`${key}.${k} must be a string`);
    out[k] = v;
  }
  return out;
}

export function requireQuery(url: URL, key: string): string {
  const value = url.searchParams.get(key);
  if (value === null || value === '') throw badRequest(`${key} is required`);
  return value;
}
