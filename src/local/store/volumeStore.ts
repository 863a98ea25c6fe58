// Volumes on disk: `<dataDir>/volumes/<id>/volume.json` plus `data/`, the host directory that is mounted
// into every sandbox naming the volume. A new volume is `pending_create` for `readyDelayMs`, then `ready`, as
// Daytona's volume manager creates its bucket in the background (apps/api/src/sandbox/managers/volume.manager.ts).
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isObject } from '../api/fields';
import { readJsonFile, writeJsonAtomic } from './jsonFile';

export interface VolumeRecord {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  lastUsedAt?: string;
  /** When a new volume becomes ready (absent: ready; volumes loaded from disk are). */
  readyAt?: string;
}

export type VolumeState = 'pending_create' | 'ready';

/** The state Daytona would report at `now`. */
export function volumeState(volume: VolumeRecord, now: Date): VolumeState {
  return volume.readyAt !== undefined && now.getTime() < Date.parse(volume.readyAt) ? 'pending_create' : 'ready';
}

export class VolumeStore {
  private readonly records = new Map<string, VolumeRecord>();

  constructor(
    private readonly root: string,
    private readonly readyDelayMs = 0,
  ) {}

  async load(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    for (const entry of await readdir(this.root, { withFileTypes: true })) {
      const value = entry.isDirectory() ? await readJsonFile(join(this.root, entry.name, 'volume.json')) : undefined;
      if (isObject(value) && value['id'] === entry.name && typeof value['name'] === 'string' && typeof value['createdAt'] === 'string') {
        this.records.set(entry.name, value as unknown as VolumeRecord);
      }
    }
  }

  /** Newest first, as Daytona lists them. */
  list(): VolumeRecord[] {
    return [...this.records.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  byId(id: string): VolumeRecord | undefined {
    return this.records.get(id);
  }

  byName(name: string): VolumeRecord | undefined {
    return [...this.records.values()].find((volume) => volume.name === name);
  }

  /** The host directory holding the volume's files. */
  dataDir(id: string): string {
    return join(this.root, id, 'data');
  }

  async create(name: string | undefined, now: Date): Promise<VolumeRecord> {
    const id = randomUUID();
    const readyAt = this.readyDelayMs > 0 ? { readyAt: new Date(now.getTime() + this.readyDelayMs).toISOString() } : {};
    const record: VolumeRecord = { id, name: name ?? id, createdAt: now.toISOString(), ...readyAt };
    await mkdir(this.dataDir(id), { recursive: true });
    await writeJsonAtomic(join(this.root, id, 'volume.json'), record);
    this.records.set(id, record);
    return record;
  }

  async touch(id: string, now: Date): Promise<void> {
    const record = this.records.get(id);
    if (record !== undefined) {
      record.lastUsedAt = now.toISOString();
      await writeJsonAtomic(join(this.root, id, 'volume.json'), record);
    }
  }

  async remove(id: string): Promise<void> {
    this.records.delete(id);
    await rm(join(this.root, id), { recursive: true, force: true, maxRetries: 3 });
  }
}
