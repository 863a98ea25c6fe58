// One local backend (own data dir, own fault rules) plus the SDK client, shared by the cases that run on it one
// after another; the git server (requiring the token) is shared by all lanes.
import type { Daytona } from '@daytonaio/sdk';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createDaytonaClient } from '../../../src/daytona/connection';
import { startLocalBackend, type LocalBackend } from '../../../src/local';
import type { GitServer } from '../../support/gitServer';
import { makeWorkingCopy, type WorkingCopy, type WorkingCopyOptions } from '../../support/fixtureRepo';

/** Short enough that a hung request fails within seconds, long enough for every real call on a busy 2-core CI box. */
export const TEST_REQUEST_TIMEOUT_MS = 6_000;

export interface Lane {
  readonly name: string;
  readonly backend: LocalBackend;
  readonly daytona: Daytona;
  readonly git: GitServer;
  readonly dataDir: string;
  copy(fixture: string, options?: WorkingCopyOptions): Promise<WorkingCopy>;
  close(): Promise<void>;
}

export async function startLane(name: string, git: GitServer): Promise<Lane> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `forge-reliability-${name}-`));
  const backend = await startLocalBackend({ dataDir, faults: true });
  const daytona = createDaytonaClient({ kind: 'local', apiUrl: backend.apiUrl, apiKey: backend.apiKey, requestTimeoutMs: TEST_REQUEST_TIMEOUT_MS });
  const copies: WorkingCopy[] = [];
  return {
    name,
    backend,
    daytona,
    git,
    dataDir,
    copy: async (fixture, options = {}) => {
      const wc = await makeWorkingCopy(fixture, { gitServer: git, ...options });
      copies.push(wc);
      return wc;
    },
    close: async () => {
      await backend.close();
      await Promise.all(copies.map((c) => c.cleanup()));
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
