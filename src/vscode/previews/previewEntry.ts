import * as vscode from 'vscode';
import type { Preview } from '../../core/preview';
import type { Logger } from '../../core/types';
import type { DevServerLog } from './devServerLog';
import type { PreviewSource, PreviewStatus, SignedPreviewUrl, SyncPhase } from './types';

/** One preview this window shows: the PreviewSource the panel and status bar read. */
export class PreviewEntry implements PreviewSource, vscode.Disposable {
  private readonly statusChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeStatus = this.statusChanged.event;
  private currentStatus: PreviewStatus = { phase: 'starting', sync: 'off' };
  private following: AbortController | undefined;
  /** The phase's own message, shown again once a sync problem is gone. */
  private phaseMessage: string | undefined;

  constructor(
    readonly folderKey: string,
    readonly title: string,
    private currentPreview: Preview,
    readonly log: DevServerLog,
    private readonly logger: Logger,
  ) {}

  get preview(): Preview {
    return this.currentPreview;
  }

  get sandboxId(): string {
    return this.currentPreview.info.sandboxId;
  }

  attach(preview: Preview): void {
    this.currentPreview = preview;
  }

  status(): PreviewStatus {
    return this.currentStatus;
  }

  setStatus(status: Partial<PreviewStatus> & Pick<PreviewStatus, 'phase'>): void {
    this.currentStatus = { ...this.currentStatus, message: undefined, ...status } as PreviewStatus;
    this.phaseMessage = this.currentStatus.message;
    this.statusChanged.fire();
  }

  /** Whether the sandbox has the editor's files; keeps the phase. `reason` (why it is out of sync) replaces the message. */
  setSync(sync: SyncPhase, reason?: string): void {
    const message = reason ?? this.phaseMessage;
    if (sync === this.currentStatus.sync && message === this.currentStatus.message) return;
    this.currentStatus = { ...this.currentStatus, sync, message } as PreviewStatus;
    this.statusChanged.fire();
  }

  refreshActivity(): Promise<void> {
    return this.currentPreview.sandbox.refreshActivity();
  }

  signedUrl(): Promise<SignedPreviewUrl> {
    return this.currentPreview.signedUrl(3600);
  }

  async revoke(token: string): Promise<void> {
    await this.currentPreview.revokeSignedUrl(token).catch((error: unknown) => {
      this.logger.debug(`Could not revoke a preview URL: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** Streams the dev server's output into its Output channel until it exits or following stops. */
  followLogs(preview: Preview): void {
    this.stopFollowing();
    const following = new AbortController();
    this.following = following;
    void preview.followLogs((text) => this.log.append(text), following.signal).then(() => {
      if (following.signal.aborted) return;
      this.log.note('The dev server has stopped.');
      this.setStatus({ phase: 'stopped', message: 'Dev server stopped' });
    });
  }

  stopFollowing(): void {
    this.following?.abort();
    this.following = undefined;
  }

  dispose(): void {
    this.stopFollowing();
    this.log.dispose();
    this.statusChanged.dispose();
  }
}
