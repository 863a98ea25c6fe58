// What the local backend remembers about one sandbox (persisted as `sandbox.json`).
import { isObject } from '../api/fields';

/** The states of a local sandbox; the transitional ones last `transitionMs` (see ../transitions.ts). */
export type LocalSandboxState = 'started' | 'stopped' | 'archived' | 'error' | 'stopping' | 'archiving' | 'starting';

const STATES: ReadonlySet<unknown> = new Set<LocalSandboxState>(['started', 'stopped', 'archived', 'error', 'stopping', 'archiving', 'starting']);

export interface VolumeMount {
  /** The volume's id (names given at creation are resolved to ids). */
  readonly volumeId: string;
  readonly mountPath: string;
  readonly subpath?: string;
}

export interface BuildInfoRecord {
  readonly dockerfileContent?: string;
  readonly contextHashes?: readonly string[];
}

export interface SandboxRecord {
  readonly id: string;
  readonly name: string;
  readonly snapshot?: string;
  readonly user: string;
  /** The daemon version it was created with (absent in records from before: the current one). */
  readonly daemonVersion?: string;
  readonly env: Readonly<Record<string, string>>;
  labels: Record<string, string>;
  readonly public: boolean;
  readonly target: string;
  readonly cpu: number;
  readonly gpu: number;
  readonly gpuType?: readonly string[];
  readonly memory: number;
  readonly disk: number;
  readonly volumes: readonly VolumeMount[];
  readonly buildInfo?: BuildInfoRecord;
  readonly networkBlockAll: boolean;
  readonly networkAllowList?: string;
  readonly domainAllowList?: string;
  state: LocalSandboxState;
  errorReason?: string;
  /** Minutes of inactivity before auto-stop; 0 = never. */
  autoStopInterval: number;
  autoPauseInterval: number;
  /** Minutes stopped before auto-archive; 0 = the maximum (30 days). */
  autoArchiveInterval: number;
  /** Minutes stopped before auto-delete; -1 = never, 0 = as soon as it stops. */
  autoDeleteInterval: number;
  ttlMinutes: number;
  readonly createdAt: string;
  updatedAt: string;
  lastActivityAt: string;
  /** When the sandbox last stopped (start of the auto-archive / auto-delete countdown). */
  stoppedAt?: string;
  /** Sandbox-wide preview token (`getPreviewLink`), replaced on every start. */
  authToken: string;
}

/** A record read back from disk, or undefined when the file is not one of ours. */
export function parseSandboxRecord(value: unknown): SandboxRecord | undefined {
  if (!isObject(value) || typeof value['id'] !== 'string' || typeof value['name'] !== 'string' || typeof value['authToken'] !== 'string') {
    return undefined;
  }
  const state = value['state'];
  if (!STATES.has(state)) {
    return undefined;
  }
  if (!isObject(value['labels']) || !isObject(value['env']) || !Array.isArray(value['volumes'])) {
    return undefined;
  }
  return value as unknown as SandboxRecord;
}
