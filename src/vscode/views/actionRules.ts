// Which sandbox commands apply to which sandboxes. The palette's quick picks use these; the menus in
// package.json say the same through `viewItem` regexes (test/unit/vscode/views/menus.test.ts checks they agree).
import type { SandboxSummary } from '../../core/connect';
import { categorize } from './sandboxState';

export const ActionRules = {
  start: (s: SandboxSummary) => categorize(s.state) === 'stopped' || categorize(s.state) === 'archived',
  stop: (s: SandboxSummary) => categorize(s.state) === 'started',
  archive: (s: SandboxSummary) => categorize(s.state) === 'started' || categorize(s.state) === 'stopped',
  /** Daytona's recover: only a sandbox in error (the server says whether it can). */
  recover: (s: SandboxSummary) => categorize(s.state) === 'error',
  /** Any state: a sandbox stuck starting or in error must still be deletable (deleting twice is harmless). */
  delete: (_s: SandboxSummary) => true,
  /** Open preview, show logs, restart dev server, pull and restart: Forge's running sandboxes. */
  preview: (s: SandboxSummary) => categorize(s.state) === 'started' && s.isForge,
  /** Pull and restart: a running Forge sandbox of a repository with a remote (a local folder has nothing to pull). */
  pull: (s: SandboxSummary) => categorize(s.state) === 'started' && s.isForge && hasRemote(s),
  /** Copy link, open in browser: any running sandbox (a port is asked for when there is no `forge.port` label). */
  link: (s: SandboxSummary) => categorize(s.state) === 'started',
  /** Open terminal: any running sandbox (in the app's folder when Forge previews it, else the home). */
  terminal: (s: SandboxSummary) => categorize(s.state) === 'started',
} as const satisfies Record<string, (s: SandboxSummary) => boolean>;

export type ActionRule = keyof typeof ActionRules;

/** Forge labels a folder without a remote `local:<name>`. */
export function hasRemote(s: Pick<SandboxSummary, 'repo'>): boolean {
  return s.repo !== undefined && s.repo !== '' && !s.repo.startsWith('local:');
}

