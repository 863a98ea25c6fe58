import { isForgeSandbox, LABEL_MANAGED, readKey } from './labels';
import type { Sandbox, SandboxClient } from './port';

/** A sandbox as the Sandboxes view shows it. Plain data. */
export interface SandboxSummary {
  readonly id: string;
  readonly name: string;
  /** Daytona state: started, stopped, archived, starting, stopping, error, … */
  readonly state: string;
  readonly isForge: boolean;
  readonly repo?: string;
  readonly branch?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly createdAt?: string;
  readonly lastActivityAt?: string;
  readonly cpu: number;
  readonly memory: number;
  readonly disk: number;
  readonly public: boolean;
  readonly autoStopInterval?: number;
  readonly errorReason?: string;
}

export const LIST_PAGE_SIZE = 100;

/** One paged walk over the backend's list (cursor pages followed). Only Forge's sandboxes unless `all`. */
export async function listSandboxes(daytona: SandboxClient, options: { all: boolean }): Promise<SandboxSummary[]> {
  const query = options.all ? { limit: LIST_PAGE_SIZE } : { limit: LIST_PAGE_SIZE, labels: { [LABEL_MANAGED]: 'true' } };
  const result: SandboxSummary[] = [];
  for await (const sandbox of daytona.list(query)) {
    if (sandbox.state === 'destroyed') continue;
    result.push(summarize(sandbox));
  }
  return result;
}

export function summarize(sandbox: Sandbox): SandboxSummary {
  const labels = sandbox.labels;
  const key = readKey(labels);
  return {
    id: sandbox.id,
    name: sandbox.name,
    state: sandbox.state ?? 'unknown',
    isForge: isForgeSandbox(labels),
    ...(key ? { repo: key.repo, branch: key.branch } : {}),
    labels,
    ...(sandbox.createdAt ? { createdAt: sandbox.createdAt } : {}),
    ...(sandbox.lastActivityAt ? { lastActivityAt: sandbox.lastActivityAt } : {}),
    cpu: sandbox.cpu,
    memory: sandbox.memory,
    disk: sandbox.disk,
    public: sandbox.public,
    ...(sandbox.autoStopInterval !== undefined ? { autoStopInterval: sandbox.autoStopInterval } : {}),
    ...(sandbox.errorReason ? { errorReason: sandbox.errorReason } : {}),
  };
}

export type SandboxAction = 'start' | 'stop' | 'archive' | 'recover' | 'delete';

/** Runs one lifecycle action; a sandbox already gone counts as deleted. */
export async function runSandboxAction(daytona: SandboxClient, id: string, action: SandboxAction): Promise<void> {
  const sandbox = await daytona.get(id);
  switch (action) {
    case 'start':
      await sandbox.start(120);
      return;
    case 'stop':
      await sandbox.stop(120);
      return;
    case 'archive':
      if (sandbox.state === 'started') await sandbox.stop(120);
      await sandbox.archive();
      return;
    case 'recover':
      await sandbox.recover(120);
      return;
    case 'delete':
      await sandbox.delete(120);
      return;
  }
}
