// The local backend's toolbox: Daytona's in-sandbox daemon API (files, git, process, sessions) served
// from a host directory. Stub for now; the routes are filled in behind this same entry point.
import type { Toolbox, ToolboxOptions } from '../contracts';

export function createToolbox(_options: ToolboxOptions): Toolbox {
  return {
    handle(req, res, _sandbox, subPath) {
      const body = {
        statusCode: 501,
        message: `not implemented yet: ${req.method ?? 'GET'} ${subPath}`,
        code: 'NOT_IMPLEMENTED',
        source: 'DAYTONA_DAEMON',
        timestamp: new Date().toISOString(),
        path: subPath,
        method: req.method ?? 'GET',
      };
      res.writeHead(501, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      return Promise.resolve();
    },
    handleUpgrade: () => false,
    stopAll: () => Promise.resolve(),
    resolvePort: () => Promise.resolve(undefined),
    dispose: () => Promise.resolve(),
  };
}
