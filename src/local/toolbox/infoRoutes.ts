// Info routes: home and working directory as the sandbox sees them, and the daemon version.
import { sendJson } from './http';
import type { Router } from './router';


export function registerInfoRoutes(router: Router): void {
  const dir = (): Promise<void> => Promise.resolve();
  router.add('GET', '/user-home-dir', ({ res, sandbox }) => (sendJson(res, 200, { dir: sandbox.insideHome }), dir()));
  router.add('GET', '/work-dir', ({ res, sandbox }) => (sendJson(res, 200, { dir: sandbox.insideHome }), dir()));
  router.add('GET', '/version', ({ res, sandbox }) => (sendJson(res, 200, { version: sandbox.daemonVersion }), dir()));
}
