// Volume routes: list (a plain array), create, get by id or name, delete. A volume is a host directory
// mounted into every sandbox that names it.
import { badRequest, conflict, notFound } from '../http/errors';
import { readJsonBody } from '../http/json';
import type { Router } from '../http/router';
import type { ApiDeps } from './apiDeps';
import { volumeDto } from './dto';
import { volumeState } from '../store/volumeStore';
import { Fields } from './fields';
import { param } from './sandboxRoutes';

export function addVolumeRoutes(router: Router, deps: ApiDeps): void {
  const { volumes, store, clock } = deps;
  router
    .add('GET', '/volumes', () => volumes.list().map((v) => volumeDto(v, new Date(clock.now()))))
    .add('POST', '/volumes', async ({ req }) => {
      const name = Fields.of(await readJsonBody(req)).string('name');
      if (name !== undefined && (name.trim() === '' || name.includes('/'))) {
        throw badRequest('name must be a non-empty string without "/"');
      }
      if (name !== undefined && volumes.byName(name) !== undefined) {
        throw badRequest(`Volume with name ${name} already exists`);
      }
      return volumeDto(await volumes.create(name, new Date(clock.now())), new Date(clock.now()));
    })
    .add('GET', '/volumes/by-name/:name', (ctx) => {
      const name = param(ctx, 'name');
      const volume = volumes.byName(name);
      if (volume === undefined) {
        throw notFound(`Volume with name ${name} not found`);
      }
      return volumeDto(volume, new Date(clock.now()));
    })
    .add('GET', '/volumes/:id', (ctx) => {
      const id = param(ctx, 'id');
      const volume = volumes.byId(id);
      if (volume === undefined) {
        throw notFound(`Volume with ID ${id} not found`);
      }
      return volumeDto(volume, new Date(clock.now()));
    })
    .add('DELETE', '/volumes/:id', async (ctx) => {
      const id = param(ctx, 'id');
      const volume = volumes.byId(id);
      if (volume === undefined) {
        throw notFound(`Volume with ID ${id} not found`);
      }
      // apps/api/src/sandbox/services/volume.service.ts: only a ready (or errored) volume may be deleted.
      if (volumeState(volume, new Date(clock.now())) !== 'ready') {
        throw badRequest(`Volume must be in 'ready' or 'error' state in order to be deleted`);
      }
      const user = store.list().find((record) => record.volumes.some((mount) => mount.volumeId === id));
      if (user !== undefined) {
        throw conflict(`Volume cannot be deleted because it is in use by one or more sandboxes (e.g. ${user.name})`);
      }
      await volumes.remove(id);
      return undefined;
    });
}
