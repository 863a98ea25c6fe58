import * as vscode from 'vscode';
import type { Preview } from '../../core/preview';
import { PreviewStateMachine, stateSentence, stateWords, type PreviewEvent, type PreviewState } from '../../core/preview/previewState';
import type { Logger } from '../../common/logger';
import type { DevServerLog } from './devServerLog';
import { SharedLink } from './sharedLink';
import { PANEL_LINK_SECONDS } from './refreshTiming';
import type { PreviewSource, PreviewStatus, SignedPreviewUrl, SyncPhase } from './types';

/** One preview this window shows: the PreviewSource the panel and status bar read, its state in the core's machine. */
export class PreviewEntry implements PreviewSource, vscode.Disposable {
  private readonly statusChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeStatus = this.statusChanged.event;
  /** The one state the panel, the status bar, the tree and the health check read. */
  readonly machine = new PreviewStateMachine(() => this.statusChanged.fire());
  private sync: SyncPhase = 'off';
  /** Why the sandbox is out of sync, shown instead of the state's sentence while it lasts. */
  private syncReason: string | undefined;
  private following: AbortController | undefined;
  /** The one link people get for this preview (frame, toolbar, Copy Link, Open in Browser). */
  private readonly link = new SharedLink(() => this.currentPreview.signedUrl(PANEL_LINK_SECONDS));

  constructor(
    readonly folderKey: string,
    private currentPreview: Preview,
    readonly log: DevServerLog,
    private readonly logger: Logger,
  ) {}

  get preview(): Preview {
    return this.currentPreview;
  }

  /** e.g. "acme/shop · main": follows the preview (the folder may have moved to another remote or branch). */
  get title(): string {
    const { key } = this.currentPreview.info;
    return `${key.repo.replace(/^local:/, '')} · ${key.branch}`;
  }

  get port(): number {
    return this.currentPreview.info.port;
  }

  get sandboxId(): string {
    return this.currentPreview.info.sandboxId;
  }

  get state(): PreviewState {
    return this.machine.state;
  }

  attach(preview: Preview): void {
    const old = this.currentPreview;
    this.currentPreview = preview;
    // The same sandbox set up again keeps its link (the panel shows it); another sandbox needs links of its own.
    if (preview.info.sandboxId === old.info.sandboxId) return;
    for (const token of this.link.reset()) void old.revokeSignedUrl(token).catch(() => undefined); // best effort: the sandbox may be gone
  }

  status(): PreviewStatus {
    const state = this.machine.state;
    return { phase: state.kind, words: stateWords(state), message: this.syncReason ?? stateSentence(state, this.currentPreview.info.port), sync: this.sync };
  }

  apply(event: PreviewEvent): void {
    this.machine.apply(event);
  }

  /** Whether the sandbox has the editor's files; keeps the state. `reason` (why it is out of sync) replaces the message. */
  setSync(sync: SyncPhase, reason?: string): void {
    if (sync === this.sync && reason === this.syncReason) return;
    this.sync = sync;
    this.syncReason = reason;
    this.statusChanged.fire();
  }

  refreshActivity(): Promise<void> {
    return this.currentPreview.sandbox.refreshActivity();
  }

  signedUrl(): Promise<SignedPreviewUrl> {
    return this.link.get();
  }

  /** A link of its own for `seconds` (Share Preview…): never the panel's or Copy Link's, so it lives exactly as long as asked. */
  signedUrlFor(seconds: number): Promise<SignedPreviewUrl> {
    return this.currentPreview.signedUrl(seconds);
  }

  /** The local backend's links open on this machine only (Share Preview… says so). */
  get localOnly(): boolean {
    return this.currentPreview.info.backend === 'local';
  }

  /** A panel no longer shows `token`. The shared link stays valid (a browser tab or a teammate may hold it) until it expires. */
  async revoke(token: string): Promise<void> {
    if (this.link.isShared(token)) return;
    await this.currentPreview.revokeSignedUrl(token).catch((error: unknown) => {
      this.logger.debug(`Could not revoke a preview URL: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** The dev server's last log lines, for the diagnosis when it does not answer. */
  readonly tail = { last: (n?: number): string[] => this.log.recent().slice(-(n ?? 30)) };

  /** Streams the dev server's output into its Output channel until it exits or following stops. */
  followLogs(preview: Preview): void {
    this.stopFollowing();
    const following = new AbortController();
    this.following = following;
    void preview.followLogs((text) => this.log.append(text), following.signal).then(() => {
      if (following.signal.aborted) return;
      this.log.note('The dev server has stopped.');
      this.apply({ type: 'exited', reason: 'the dev server exited (its last lines are in its log)' });
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
