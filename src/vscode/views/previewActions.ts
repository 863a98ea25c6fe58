import type { TerminalTarget } from '../../core/terminal/terminalSession';

/**
 * What the Sandboxes view asks of the preview side. The PreviewManager implements it; the view only passes
 * sandbox ids, so it never needs to know how a preview is opened or its dev server restarted.
 */
export interface PreviewActions {
  /** Opens (or reveals) the preview panel of the sandbox, reconnecting to it when this window has none. */
  openPreview(sandboxId: string): Promise<void>;
  /** Shows the dev server's log channel of the sandbox. */
  showLogs(sandboxId: string): Promise<void>;
  restartDevServer(sandboxId: string): Promise<void>;
  /** `git pull` in the sandbox, reinstall when the lockfile changed, restart the dev server. */
  pullAndRestart(sandboxId: string): Promise<void>;
  /** Where a terminal in the sandbox starts: the app's folder and the dev server's environment when previewed. */
  terminalTarget(sandboxId: string): Promise<TerminalTarget>;
  /**
   * A lifecycle action on the sandbox succeeded (or it was found gone): its preview follows. After `start` this
   * restarts the dev server of a sandbox that had a preview and resolves once it answers.
   */
  sandboxChanged(sandboxId: string, action: 'start' | 'stop' | 'archive' | 'recover' | 'delete' | 'gone'): Promise<void>;
  /** The state in words of this window's preview of the sandbox ("running", "restarting"), if it has one. */
  stateWordsOf(sandboxId: string): string | undefined;
  /** Fires when the state of any preview changed (not for sync progress). */
  onDidChangeState(listener: () => void): { dispose(): void };
}
