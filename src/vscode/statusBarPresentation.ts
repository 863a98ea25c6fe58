// What the Forge status bar item says for a preview's status. No `vscode` here, so it is unit-tested.
import { CommandIds } from './commands/ids';
import type { PreviewStatus } from './previews/types';

export interface StatusBarPresentation {
  readonly text: string;
  readonly tooltip: string;
  readonly command: typeof CommandIds.openPreview | typeof CommandIds.resync;
  /** Only the two backgrounds VS Code allows on status bar items. */
  readonly background?: 'statusBarItem.warningBackground' | 'statusBarItem.errorBackground';
}

const SYNC_TEXT = {
  synced: '$(check) synced',
  syncing: '$(sync~spin) syncing',
  'out-of-sync': '$(warning) out of sync',
  off: '',
} as const;

/** `countdown`: when the sandbox auto-stops ("stops in 12 min", "kept awake"), see autoStop.ts. */
export function statusBarPresentation(preview: { readonly sandboxId: string; readonly title: string }, status: PreviewStatus, countdown?: string): StatusBarPresentation {
  const outOfSync = status.sync === 'out-of-sync';
  const lines = [`Forge preview: ${preview.title}`, `Sandbox: ${preview.sandboxId}`, `Status: ${status.words}${status.message ? ` — ${status.message}` : ''}`];
  if (status.sync !== 'off') lines.push(`Files: ${status.sync.replace(/-/g, ' ')}`);
  if (countdown) lines.push(`Auto-stop: ${countdown === 'kept awake' ? 'kept awake while the preview is visible' : countdown}`);
  lines.push(outOfSync ? 'Click to resync the sandbox with the editor.' : 'Click to open the preview.');
  const base = { tooltip: lines.join('\n'), command: outOfSync ? CommandIds.resync : CommandIds.openPreview } as const;
  const sync = SYNC_TEXT[status.sync];

  switch (status.phase) {
    case 'setting-up':
    case 'restarting':
    case 'starting':
      return { ...base, text: `$(loading~spin) Forge: ${status.words}` };
    case 'ready':
      return {
        ...base,
        text: `$(globe) Forge: running${countdown && countdown !== 'kept awake' ? ` · ${countdown}` : ''}${sync ? `  ${sync}` : ''}`,
        ...(outOfSync ? { background: 'statusBarItem.warningBackground' as const } : {}),
      };
    case 'stopped':
      return { ...base, text: '$(debug-stop) Forge: stopped' };
    case 'deleted':
      return { ...base, text: '$(trash) Forge: deleted' };
    case 'failed':
      return { ...base, text: '$(error) Forge: failed', background: 'statusBarItem.errorBackground' };
  }
}
