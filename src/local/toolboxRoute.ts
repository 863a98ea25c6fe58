// `/toolbox/{sandboxId}/…`: authorises the caller (the API key only: a preview token opens previews, never
// commands), checks the sandbox is started, then hands the request (or WebSocket upgrade) to the toolbox
// with the path that follows the sandbox id.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ACTIVITY_POLL_MS, keepActivity } from './activity';
import type { Toolbox } from './contracts';
import { ApiError, conflict } from './http/errors';
import { rejectUpgrade } from './preview/pages';
import type { SandboxService } from './sandboxService';
import type { SandboxRecord } from './store/sandboxRecord';
import { bearerToken, sameSecret } from './secrets';

const PREFIX = '/toolbox/';

export class ToolboxRoute {
  constructor(
    private readonly service: SandboxService,
    private readonly toolbox: Toolbox,
    private readonly apiKey: string,
    private readonly activityPollMs = ACTIVITY_POLL_MS,
  ) {}

  static matches(path: string): boolean {
    return path.startsWith(PREFIX);
  }

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { record, subPath } = this.admit(req, url);
    keepActivity(req, res, () => this.service.touch(record.id), this.activityPollMs);
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
    keepActivity(req, socket, () => this.service.touch(admitted.record.id), this.activityPollMs);
    if (!this.toolbox.handleUpgrade(req, socket, head, this.service.local(admitted.record), admitted.subPath, url)) {
      rejectUpgrade(socket, 404, `No WebSocket at ${admitted.subPath}`);
    }
  }

  private admit(req: IncomingMessage, url: URL): { record: SandboxRecord; subPath: string } {
    const rest = url.pathname.slice(PREFIX.length);
    const slash = rest.indexOf('/');
    const id = decodeId(slash === -1 ? rest : rest.slice(0, slash));
    const subPath = slash === -1 ? '/' : rest.slice(slash);
    if (!sameSecret(bearerToken(req.headers.authorization), this.apiKey)) {
      throw new ApiError(401, 'Unauthorized: the toolbox takes the API key (Authorization: Bearer …) only');
    }
    const record = this.service.require(id);
    if (record.state !== 'started') {
      throw conflict(`Sandbox ${record.id} is ${record.state}; start it before using its toolbox`);
    }
    return { record, subPath };
  }
}

function decodeId(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError(400, `Malformed sandbox id in the toolbox path: ${segment}`);
  }
}
