// Test mode (`recordRequests`): what clients sent, as this backend received it, before any route cleans it up
// (the clone route moves credentials out of a URL, so only the request itself shows whether Forge put them there).
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly status: number;
  /** The JSON body as parsed by the route, when it read one. */
  readonly body?: unknown;
}

const MAX_RECORDED = 10_000;
const bodies = new WeakMap<IncomingMessage, unknown>();

/** Called by the JSON body readers; the recorder picks the body up when the response ends. */
export function noteJsonBody(req: IncomingMessage, body: unknown): void {
  bodies.set(req, body);
}

export class RequestLog {
  private readonly recorded: RecordedRequest[] = [];

  /** The live list (the same array as requests arrive). */
  get requests(): readonly RecordedRequest[] {
    return this.recorded;
  }

  observe(req: IncomingMessage, res: ServerResponse, url: URL): void {
    res.once('close', () => {
      if (this.recorded.length >= MAX_RECORDED) this.recorded.shift();
      const body = bodies.has(req) ? { body: bodies.get(req) } : {};
      this.recorded.push({ method: req.method ?? 'GET', path: url.pathname, query: url.search, status: res.statusCode, ...body });
    });
  }
}
