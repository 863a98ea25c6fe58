// Daytona's Sandbox, SandboxListItem and Volume DTOs, built from local records.
import type { SandboxRecord } from '../store/sandboxRecord';
import { volumeState, type VolumeRecord } from '../store/volumeStore';
import { CURRENT_DAEMON_VERSION } from '../toolbox/legacyDaemon';
import { desiredStateOf } from '../transitions';

export const ORGANIZATION_ID = 'local';

/** The list item: the full DTO minus the fields Daytona leaves out of lists (env, volumes, buildInfo ...). */
export function sandboxListItem(record: SandboxRecord, toolboxProxyUrl: string): Record<string, unknown> {
  return {
    id: record.id,
    organizationId: ORGANIZATION_ID,
    name: record.name,
    target: record.target,
    runnerId: 'local',
    sandboxClass: 'container',
    state: record.state,
    desiredState: desiredStateOf(record.state),
    ...(record.snapshot === undefined ? {} : { snapshot: record.snapshot }),
    user: record.user,
    ...(record.errorReason === undefined ? {} : { errorReason: record.errorReason }),
    recoverable: record.state === 'error',
    public: record.public,
    networkBlockAll: record.networkBlockAll,
    ...(record.networkAllowList === undefined ? {} : { networkAllowList: record.networkAllowList }),
    ...(record.domainAllowList === undefined ? {} : { domainAllowList: record.domainAllowList }),
    cpu: record.cpu,
    gpu: record.gpu,
    ...(record.gpuType === undefined ? {} : { gpuType: record.gpuType }),
    memory: record.memory,
    disk: record.disk,
    labels: record.labels,
    backupState: 'None',
    autoStopInterval: record.autoStopInterval,
    autoPauseInterval: record.autoPauseInterval,
    autoArchiveInterval: record.autoArchiveInterval,
    autoDeleteInterval: record.autoDeleteInterval,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    lastActivityAt: record.lastActivityAt,
    daemonVersion: record.daemonVersion ?? CURRENT_DAEMON_VERSION,
    toolboxProxyUrl,
  };
}

export function sandboxDto(record: SandboxRecord, toolboxProxyUrl: string): Record<string, unknown> {
  return {
    ...sandboxListItem(record, toolboxProxyUrl),
    env: record.env,
    volumes: record.volumes,
    ...(record.buildInfo === undefined ? {} : { buildInfo: { ...record.buildInfo, createdAt: record.createdAt, updatedAt: record.createdAt } }),
    kvm: false,
  };
}

/** What DELETE /sandbox/{id} answers: the sandbox as it was, now destroyed, so `delete(wait)` needs no poll. */
export function destroyedSandboxDto(record: SandboxRecord, toolboxProxyUrl: string): Record<string, unknown> {
  return { ...sandboxDto(record, toolboxProxyUrl), state: 'destroyed', desiredState: 'destroyed' };
}

export function volumeDto(volume: VolumeRecord, now: Date): Record<string, unknown> {
  return {
    id: volume.id,
    name: volume.name,
    organizationId: ORGANIZATION_ID,
    state: volumeState(volume, now),
    createdAt: volume.createdAt,
    updatedAt: volume.createdAt,
    lastUsedAt: volume.lastUsedAt ?? null,
    errorReason: null,
  };
}
