// Sandbox CRUD and lifecycle routes (contract §4): create, get, list, delete, start, stop, archive,
// recover, labels, interval settings, last activity and the toolbox proxy URL.
import { readJsonBody } from '../http/json';
import { badRequest } from '../http/errors';
import type { RouteContext, Router } from '../http/router';
import type { IntervalKind } from '../sandboxService';
import type { ApiDeps } from './apiDeps';
import { readCreateSandboxInput } from './createSandboxInput';
import { destroyedSandboxDto, sandboxDto, sandboxListItem } from './dto';
import { Fields } from './fields';
import { listSandboxes } from './listQuery';

const INTERVALS: readonly IntervalKind[] = ['autostop', 'autoarchive', 'autodelete', 'autopause', 'ttl'];

export function addSandboxRoutes(router: Router, deps: ApiDeps): void {
  const { service, toolboxProxyUrl } = deps;
  const dto = (ctx: RouteContext): Record<string, unknown> => sandboxDto(service.require(param(ctx, 'id')), toolboxProxyUrl);

  router
    .add('POST', '/sandbox', async ({ req }) => sandboxDto(await service.create(readCreateSandboxInput(await readJsonBody(req))), toolboxProxyUrl))
    .add('GET', '/sandbox', ({ url }) => {
      const page = listSandboxes(deps.store.list(), url.searchParams);
      return { items: page.items.map((record) => sandboxListItem(record, toolboxProxyUrl)), nextCursor: page.nextCursor };
    })
    .add('GET', '/sandbox/:id', dto)
    .add('DELETE', '/sandbox/:id', async (ctx) => {
      const record = service.require(param(ctx, 'id'));
      await service.delete(record);
      return destroyedSandboxDto(record, toolboxProxyUrl);
    })
    .add('POST', '/sandbox/:id/start', async (ctx) => sandboxDto(await service.start(service.require(param(ctx, 'id'))), toolboxProxyUrl))
    .add('POST', '/sandbox/:id/stop', async (ctx) => {
      await service.stop(service.require(param(ctx, 'id')));
      return undefined;
    })
    .add('POST', '/sandbox/:id/archive', async (ctx) => {
      await service.archive(service.require(param(ctx, 'id')));
      return undefined;
    })
    .add('POST', '/sandbox/:id/recover', async (ctx) => sandboxDto(await service.recover(service.require(param(ctx, 'id'))), toolboxProxyUrl))
    .add('PUT', '/sandbox/:id/labels', async (ctx) => {
      const record = service.require(param(ctx, 'id'));
      const labels = Fields.of(await readJsonBody(ctx.req)).stringRecord('labels');
      if (labels === undefined) {
        throw badRequest('labels must be an object of string values');
      }
      await service.setLabels(record, labels);
      return { labels: record.labels };
    })
    .add('POST', '/sandbox/:id/last-activity', (ctx) => {
      service.touch(service.require(param(ctx, 'id')).id);
      return undefined;
    })
    .add('GET', '/sandbox/:id/toolbox-proxy-url', (ctx) => {
      service.require(param(ctx, 'id'));
      return { url: toolboxProxyUrl };
    });

  for (const kind of INTERVALS) {
    router.add('POST', `/sandbox/:id/${kind}/:minutes`, async (ctx) => {
      const record = service.require(param(ctx, 'id'));
      await service.setInterval(record, kind, readInterval(param(ctx, 'minutes'), kind === 'autodelete' ? -1 : 0));
      return undefined;
    });
  }
}

export function param(ctx: RouteContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) {
    throw new Error(`route has no :${name} parameter`);
  }
  return value;
}

function readInterval(raw: string, min: number): number {
  const minutes = Number(raw);
  if (!/^-?\d+$/.test(raw) || minutes < min) {
    throw badRequest(`interval must be an integer of at least ${min} minutes, got ${raw}`);
  }
  return minutes;
}
