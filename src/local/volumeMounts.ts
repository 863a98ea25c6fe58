// Volumes named at sandbox creation: resolved by id or name to mounts, and mapped to host directories.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { VolumeRequest } from './api/createSandboxInput';
import { badRequest, notFound } from './http/errors';
import type { VolumeMount } from './store/sandboxRecord';
import { volumeState, type VolumeStore } from './store/volumeStore';

/** Resolves each request to a volume (404 when none has that id or name) and creates the subpath directory. */
export async function resolveVolumeMounts(volumes: VolumeStore, requests: readonly VolumeRequest[], now: Date): Promise<VolumeMount[]> {
  const mounts: VolumeMount[] = [];
  for (const request of requests) {
    const volume = volumes.byId(request.volumeId) ?? volumes.byName(request.volumeId);
    if (volume === undefined) {
      throw notFound(`Volume '${request.volumeId}' not found`);
    }
    // apps/api/src/sandbox/services/volume.service.ts getVolumesByIdOrName: a volume still being created is refused.
    const state = volumeState(volume, now);
    if (state !== 'ready') throw badRequest(`Volume '${volume.name}' is not in a ready state. Current state: ${state}`);
    const mount: VolumeMount = { volumeId: volume.id, mountPath: request.mountPath, ...(request.subpath === undefined ? {} : { subpath: request.subpath }) };
    await mkdir(volumeHostDir(volumes, mount), { recursive: true });
    await volumes.touch(volume.id, now);
    mounts.push(mount);
  }
  return mounts;
}

/** The host directory a mount shows inside the sandbox. */
export function volumeHostDir(volumes: VolumeStore, mount: VolumeMount): string {
  return mount.subpath === undefined ? volumes.dataDir(mount.volumeId) : join(volumes.dataDir(mount.volumeId), mount.subpath);
}
