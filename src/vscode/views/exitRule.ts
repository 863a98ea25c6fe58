// Which sandboxes the cost guard stops when VS Code closes. No `vscode` import: unit-tested on its own.
import { LABEL_STOP_ON_CLOSE } from '../../core/sandboxLabels';
import type { SandboxSummary } from '../../core/connect';

/** The current preview's sandbox, plus running Forge sandboxes of its repository labelled to stop on close. */
export function sandboxesToStop(listed: readonly SandboxSummary[], currentId: string | undefined): string[] {
  const current = listed.find((s) => s.id === currentId);
  const ids = new Set<string>();
  if (currentId && (!current || current.state === 'started')) ids.add(currentId);
  for (const s of listed) {
    const sameRepo = current?.repo !== undefined && s.repo === current.repo;
    if (s.isForge && s.state === 'started' && s.labels[LABEL_STOP_ON_CLOSE] === 'true' && sameRepo) ids.add(s.id);
  }
  return [...ids];
}
