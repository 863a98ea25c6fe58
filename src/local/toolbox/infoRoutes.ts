// Info routes: home and working directory as the sandbox sees them, and the daemon version; and POST /init.
import { badRequest } from './daemonError';
import { readJson, sendJson } from './http';
import type { Router } from './router';

export function registerInfoRoutes(router: Router): void {
  const dir = (): Promise<void> => Promise.resolve();
  router.add('GET', '/user-home-dir', ({ res, sandbox }) => (sendJson(res, 200, { dir: sandbox.insideHome }), dir()));
  router.add('GET', '/work-dir', ({ res, sandbox }) => (sendJson(res, 200, { dir: sandbox.insideHome }), dir()));
  router.add('GET', '/version', ({ res, sandbox }) => (sendJson(res, 200, { version: sandbox.daemonVersion }), dir()));
  // The daemon keeps the token only to send it with its telemetry (apps/daemon/pkg/toolbox/controller.go,
  // telemetry.go, v0.190.0); the local backend has no telemetry, so the token is checked and dropped.
  router.add('POST', '/init', async ({ req, res }) => {
    const token = (await readJson(req))['token'];
    if (typeof token !== 'string' || token === '') throw badRequest("Key: 'InitializeRequest.Token' Error:Field validation for 'Token' failed on the 'required' tag");
    sendJson(res, 200, { message: 'Auth token set and telemetry initialized successfully' });
  });
}
