// Brings preview panels back after VS Code reloads. The webview's state holds only `{ sandboxId }` (set by the
// page script); the registry reconnects to that sandbox's preview. When it is gone, or cannot be reached, the
// panel says so in place instead of raising an error dialog over a window that is still starting.
import type * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import { DELETED_MESSAGE, showGoneMessage } from './gonePage';
import type { PreviewPanelRegistry } from './panelRegistry';
import type { PreviewRegistry } from './types';

export const GONE_MESSAGE = DELETED_MESSAGE;

/** Sandbox ids are UUIDs on Daytona and short slugs locally; anything else in the state is not ours. */
const SANDBOX_ID = /^[\w.-]{1,128}$/;

export class PreviewPanelSerializer implements vscode.WebviewPanelSerializer<unknown> {
  constructor(
    private readonly panels: Pick<PreviewPanelRegistry, 'host' | 'revive' | 'showDeleted'>,
    private readonly registry: Pick<PreviewRegistry, 'sourceFor'>,
    private readonly logger: Logger,
  ) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const sandboxId = sandboxIdFrom(state);
    if (sandboxId === undefined) {
      this.logger.info('Preview panel restored without a sandbox id; showing the "gone" message.');
      showGoneMessage(panel, this.panels.host, GONE_MESSAGE);
      return;
    }
    try {
      const source = await this.registry.sourceFor(sandboxId);
      if (source) {
        this.panels.revive(panel, source, restoredViewFrom(state));
        return;
      }
      this.logger.info(`Preview panel for sandbox ${sandboxId} restored, but the sandbox no longer exists.`);
      // A new preview of the same folder takes this tab over instead of opening a second one beside it.
      this.panels.showDeleted(panel, folderKeyFrom(state));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Could not reconnect the preview of sandbox ${sandboxId}: ${reason}`);
      showGoneMessage(panel, this.panels.host, `Could not reconnect to this preview's sandbox (${reason}). Run Forge: Preview this repo to open it again.`);
    }
  }
}

/** The folder URI the page stored (`file:`/`vscode-remote:` …), for reusing the tab; undefined when absent or odd. */
export function folderKeyFrom(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const key = (state as { folderKey?: unknown }).folderKey;
  return typeof key === 'string' && key.length <= 2048 && /^[a-z][\w+.-]*:/i.test(key) ? key : undefined;
}

/** The device and history the page stored, passed back to it as they are: the page parses them (devices.ts, framePath.ts). */
export function restoredViewFrom(state: unknown): { readonly device?: unknown; readonly history?: unknown } | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const { device, history } = state as { device?: unknown; history?: unknown };
  return device === undefined && history === undefined ? undefined : { ...(device === undefined ? {} : { device }), ...(history === undefined ? {} : { history }) };
}

export function sandboxIdFrom(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const id = (state as { sandboxId?: unknown }).sandboxId;
  return typeof id === 'string' && SANDBOX_ID.test(id) ? id : undefined;
}
