// The body of POST /sandbox (Daytona's CreateSandbox), read into typed values. Resources are recorded
// as given, with or without buildInfo: whether to send them is the caller's decision, not the emulator's.
import type { BuildInfoRecord } from '../store/sandboxRecord';
import { badRequest } from '../http/errors';
import { Fields } from './fields';

export interface VolumeRequest {
  /** A volume id or name. */
  readonly volumeId: string;
  readonly mountPath: string;
  readonly subpath: string | undefined;
}

export interface CreateSandboxInput {
  readonly name: string | undefined;
  readonly snapshot: string | undefined;
  readonly buildInfo: BuildInfoRecord | undefined;
  readonly user: string | undefined;
  readonly env: Record<string, string>;
  readonly labels: Record<string, string>;
  readonly public: boolean;
  readonly target: string | undefined;
  readonly cpu: number | undefined;
  readonly gpu: number | undefined;
  readonly gpuType: string[] | undefined;
  readonly memory: number | undefined;
  readonly disk: number | undefined;
  readonly autoStopInterval: number | undefined;
  readonly autoPauseInterval: number | undefined;
  readonly autoArchiveInterval: number | undefined;
  readonly autoDeleteInterval: number | undefined;
  readonly ttlMinutes: number | undefined;
  readonly volumes: VolumeRequest[];
  readonly networkBlockAll: boolean;
  readonly networkAllowList: string | undefined;
  readonly domainAllowList: string | undefined;
}

export function readCreateSandboxInput(body: unknown): CreateSandboxInput {
  const fields = Fields.of(body);
  const name = fields.string('name');
  if (name !== undefined && (name.trim() === '' || name.length > 255 || name.includes('/'))) {
    throw badRequest('name must be 1 to 255 characters without "/"');
  }
  const buildInfo = fields.object('buildInfo');
  return {
    name,
    snapshot: fields.string('snapshot'),
    buildInfo: buildInfo === undefined ? undefined : readBuildInfo(buildInfo),
    user: fields.string('user'),
    env: fields.stringRecord('env') ?? {},
    labels: fields.stringRecord('labels') ?? {},
    public: fields.boolean('public') ?? false,
    target: fields.string('target'),
    cpu: fields.number('cpu'),
    gpu: fields.number('gpu'),
    gpuType: fields.stringArray('gpuType'),
    memory: fields.number('memory'),
    disk: fields.number('disk'),
    autoStopInterval: fields.integer('autoStopInterval'),
    autoPauseInterval: fields.integer('autoPauseInterval'),
    autoArchiveInterval: fields.integer('autoArchiveInterval'),
    autoDeleteInterval: fields.integer('autoDeleteInterval', -1),
    ttlMinutes: fields.integer('ttlMinutes'),
    volumes: (fields.objectArray('volumes') ?? []).map(readVolume),
    networkBlockAll: fields.boolean('networkBlockAll') ?? false,
    networkAllowList: fields.string('networkAllowList'),
    domainAllowList: fields.string('domainAllowList'),
  };
}

function readBuildInfo(fields: Fields): BuildInfoRecord {
  const dockerfileContent = fields.string('dockerfileContent');
  const contextHashes = fields.stringArray('contextHashes');
  return {
    ...(dockerfileContent === undefined ? {} : { dockerfileContent }),
    ...(contextHashes === undefined ? {} : { contextHashes }),
  };
}

function readVolume(fields: Fields): VolumeRequest {
  const mountPath = fields.requiredString('mountPath');
  if (!mountPath.startsWith('/') || mountPath === '/') {
    throw badRequest(`Volume mount path ${mountPath} must be an absolute path other than /`);
  }
  const subpath = fields.string('subpath');
  if (subpath !== undefined && subpath.split('/').includes('..')) {
    throw badRequest(`Volume subpath ${subpath} must not contain ".."`);
  }
  return { volumeId: fields.requiredString('volumeId'), mountPath, subpath };
}
