// `/toolbox/{sandboxId}/…`: authorises the caller, checks the sandbox is started, then hands the request
// (or WebSocket upgrade) to the toolbox with the path that follows the sandbox id.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Toolbox } from './contracts';
import { ApiError, conflict } from './http/errors';
import { PREVIEW_TOKEN_HEADER, PREVIEW_TOKEN_QUERY } from './preview/access';
import { rejectUpgrade } from './preview/pages';
import type { SandboxService } from './sandboxService';
import type { SandboxRecord } from './store/sandboxRecord';
import { bearerToken, sameSecret } from './secrets';

const PREFIX = '/toolbox/';

export class ToolboxRoute {
  constructor(private readonly service: SandboxService, private readonly toolbox: Toolbox, private readonly apiKey: string) {}

  static matches(path: string): boolean {
    return path.startsWith(PREFIX);
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { record, subPath } = this.admit(req, url);
    await this.toolbox.handle(req, res, this.service.local(record), subPath, url);
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
    let admitted: { record: SandboxRecord; subPath: string };
    try {
      admitted = this.admit(req, url);
    } catch (error) {
      const status = error instanceof ApiError ? error.statusCode : 500;
      rejectUpgrade(socket, status, error instanceof Error ? error.message : 'Toolbox upgrade failed');
      return;
    }
    if (!this.toolbox.handleUpgrade(req, socket, head, this.service.local(admitted.record), admitted.subPath, url)) {
      rejectUpgrade(socket, 404, `No WebSocket at ${admitted.subPath}`);
    }
  }

  private admit(req: IncomingMessage, url: URL): { record: SandboxRecord; subPath: string } {
    const rest = url.pathname.slice(PREFIX.length);
    const slash = rest.indexOf('/');
    const id = decodeId(slash === -1 ? rest : rest.slice(0, slash));
    const subPath = slash === -1 ? '/' : rest.slice(slash);
    const bearerOk = sameSecret(bearerToken(req.headers.authorization), this.apiKey);
    const record = bearerOk ? this.service.require(id) : this.recordForPreviewToken(req, url, id);
    if (record.state !== 'started') {
      throw conflict(`Sandbox ${record.id} is ${record.state}; start it before using its toolbox`);
    }
    this.service.touch(record.id);
    return { record, subPath };
  }

  /** Browser-style callers authenticate with the sandbox's preview token instead of the API key. */
  private recordForPreviewToken(req: IncomingMessage, url: URL, id: string): SandboxRecord {
    const header = req.headers[PREVIEW_TOKEN_HEADER];
    const token = url.searchParams.get(PREVIEW_TOKEN_QUERY) ?? (typeof header === 'string' ? header : undefined);
    let record: SandboxRecord | undefined;
    try {
      record = this.service.require(id);
    } catch {
      record = undefined;
    }
    if (record === undefined || !sameSecret(token, record.authToken)) {
      throw new ApiError(401, 'Unauthorized');
    }
    return record;
  }
}

function decodeId(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError(400, `Malformed sandbox id in the toolbox path: ${segment}`);
  }
}
