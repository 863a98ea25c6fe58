// Reading JSON request bodies and writing JSON answers, with Daytona-shaped 400s for bad input.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isJsonContentType } from './requestGuard';
import { ApiError, badRequest } from './errors';
import { noteJsonBody } from './requestLog';

const MAX_BODY_BYTES = 1024 * 1024;

/** The parsed JSON body, or undefined when the body is empty. Malformed JSON and oversized bodies become 400/413. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      throw new ApiError(413, `Request body is larger than ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') {
    return undefined;
  }
  if (!isJsonContentType(req.headers['content-type'])) {
    throw new ApiError(415, 'The request body must be sent as Content-Type: application/json');
  }
  try {
    const parsed = JSON.parse(text) as unknown;
    noteJsonBody(req, parsed);
    return parsed;
  } catch (error) {
    throw badRequest(`Malformed JSON body: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function sendJson(res: ServerResponse, statusCode: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(statusCode, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Drains and discards a body we do not read, so keep-alive connections stay usable. */
export function discardBody(req: IncomingMessage): void {
  req.resume();
}
