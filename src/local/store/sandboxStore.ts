// Sandboxes on disk: `<dataDir>/sandboxes/<id>/` holds `home/` (seen as /home/daytona), `runtime/`
// (the toolbox's scratch space) and `sandbox.json` (the record). The in-memory map is the source of truth
// while the server runs; every change is written through.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSandboxRecord, type SandboxRecord } from './sandboxRecord';
import { readJsonFile, writeJsonAtomic, WriteQueue } from './jsonFile';

const RECORD_FILE = 'sandbox.json';

export class SandboxStore {
  private readonly records = new Map<string, SandboxRecord>();
  private readonly writes = new WriteQueue();

  constructor(private readonly root: string) {}

  /** Reads every record under the root. Returns the names of directories that held no valid record. */
  async load(): Promise<string[]> {
    await mkdir(this.root, { recursive: true });
    const skipped: string[] = [];
    for (const entry of await readdir(this.root, { withFileTypes: true })) {
      if (!entry.isDirectory()) {
        continue;
      }
      const record = parseSandboxRecord(await readJsonFile(join(this.root, entry.name, RECORD_FILE)));
      if (record === undefined || record.id !== entry.name) {
        skipped.push(entry.name);
        continue;
      }
      this.records.set(record.id, record);
    }
    return skipped;
  }

  /** All sandboxes, oldest first. */
  list(): SandboxRecord[] {
    return [...this.records.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  /** By id first, then by name (Daytona accepts either wherever `{sandboxIdOrName}` appears). */
  find(idOrName: string): SandboxRecord | undefined {
    return this.records.get(idOrName) ?? [...this.records.values()].find((record) => record.name === idOrName);
  }

  nameTaken(name: string): boolean {
    return [...this.records.values()].some((record) => record.name === name || record.id === name);
  }

  homeDir(id: string): string {
    return join(this.root, id, 'home');
  }

  runtimeDir(id: string): string {
    return join(this.root, id, 'runtime');
  }

  async create(record: SandboxRecord): Promise<void> {
    await mkdir(this.homeDir(record.id), { recursive: true });
    await mkdir(this.runtimeDir(record.id), { recursive: true });
    this.records.set(record.id, record);
    await this.save(record);
  }

  /** Writes the record as it is when the write runs (later saves of the same record win). */
  save(record: SandboxRecord): Promise<void> {
    return this.writes.run(record.id, async () => {
      if (this.records.get(record.id) === record) {
        await writeJsonAtomic(join(this.root, record.id, RECORD_FILE), record);
      }
    });
  }

  async remove(id: string): Promise<void> {
    this.records.delete(id);
    await this.writes.run(id, () => rm(join(this.root, id), { recursive: true, force: true, maxRetries: 3 }));
  }

  flush(): Promise<void> {
    return this.writes.drain();
  }
}
