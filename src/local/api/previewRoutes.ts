// Preview routes: the sandbox-wide preview link, signed preview URLs and their revocation.
import { badRequest } from '../http/errors';
import { portPreviewToken } from '../preview/access';
import type { Router } from '../http/router';
import type { ApiDeps } from './apiDeps';
import { param } from './sandboxRoutes';

const DEFAULT_SIGNED_SECONDS = 60;
const MAX_SIGNED_SECONDS = 86_400;

export function addPreviewRoutes(router: Router, deps: ApiDeps): void {
  const { service, previews } = deps;
  router
    .add('GET', '/sandbox/:id/ports/:port/preview-url', async (ctx) => {
      const record = service.require(param(ctx, 'id'));
      const port = readPort(param(ctx, 'port'));
      return { sandboxId: record.id, url: await previews.previewUrl(record.id, port), token: portPreviewToken(record, port) };
    })
    .add('GET', '/sandbox/:id/ports/:port/signed-preview-url', async (ctx) => {
      const record = service.require(param(ctx, 'id'));
      const port = readPort(param(ctx, 'port'));
      const seconds = readExpiry(ctx.url.searchParams.get('expiresInSeconds'));
      const signed = await previews.signedUrl(record.id, port, seconds);
      return { sandboxId: record.id, port, token: signed.token, url: signed.url };
    })
    .add('POST', '/sandbox/:id/ports/:port/signed-preview-url/:token/expire', (ctx) => {
      const record = service.require(param(ctx, 'id'));
      previews.expireSigned(record.id, readPort(param(ctx, 'port')), param(ctx, 'token'));
      return undefined;
    });
}

function readPort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65_535) {
    throw badRequest(`port must be an integer from 1 to 65535, got ${raw}`);
  }
  return port;
}

function readExpiry(raw: string | null): number {
  if (raw === null || raw === '') {
    return DEFAULT_SIGNED_SECONDS;
  }
  const seconds = Number(raw);
  if (!/^\d+$/.test(raw) || seconds < 1 || seconds > MAX_SIGNED_SECONDS) {
    throw badRequest(`expiresInSeconds must be an integer from 1 to ${MAX_SIGNED_SECONDS}, got ${raw}`);
  }
  return seconds;
}
