import * as vscode from 'vscode';
import type { Preview } from '../../core/preview';
import { stateSentence, stateWords, type PreviewEvent, type PreviewState, type PreviewStateMachine } from '../../core/preview/previewState';
import type { PreviewSession } from '../../core/session/previewSession';
import type { Logger } from '../../common/logger';
import type { DevServerLog } from './devServerLog';
import { SharedLink } from './sharedLink';
import { PANEL_LINK_SECONDS } from './refreshTiming';
import type { PreviewSource, PreviewStatus, SignedPreviewUrl, SyncPhase } from './types';

/**
 * One preview this window shows: the PreviewSource the panel and status bar read, over the core's session (its
 * state machine, log follow and lifecycle), with the window's own parts: the Output channel, the shared link, sync.
 */
export class PreviewEntry implements PreviewSource, vscode.Disposable {
  private readonly statusChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeStatus = this.statusChanged.event;
  private sync: SyncPhase = 'off';
  /** Why the sandbox is out of sync, shown instead of the state's sentence while it lasts. */
  private syncReason: string | undefined;
  /** The one link people get for this preview (frame, toolbar, Copy Link, Open in Browser). */
  private readonly link = new SharedLink(() => this.session.preview.signedUrl(PANEL_LINK_SECONDS));
  private readonly unsubscribe: () => void;

  constructor(
    readonly folderKey: string,
    readonly session: PreviewSession,
    readonly log: DevServerLog,
    private readonly logger: Logger,
  ) {
    this.unsubscribe = session.onDidChange(() => this.statusChanged.fire());
  }

  get preview(): Preview {
    return this.session.preview;
  }

  /** The one state the panel, the status bar, the tree and the health check read. */
  get machine(): PreviewStateMachine {
    return this.session.machine;
  }

  /** e.g. "acme/shop · main": follows the preview (the folder may have moved to another remote or branch). */
  get title(): string {
    const { key } = this.session.info;
    return `${key.repo.replace(/^local:/, '')} · ${key.branch}`;
  }

  get port(): number {
    return this.session.info.port;
  }

  get sandboxId(): string {
    return this.session.info.sandboxId;
  }

  get state(): PreviewState {
    return this.machine.state;
  }

  /** Whether the sandbox has every saved edit (the re-preview fast path may trust it). */
  get inSync(): boolean {
    return this.sync === 'synced';
  }

  attach(preview: Preview): void {
    const old = this.session.attach(preview);
    // The same sandbox set up again keeps its link (the panel shows it); another sandbox needs links of its own.
    if (preview.info.sandboxId === old.info.sandboxId) return;
    for (const token of this.link.reset()) void old.revokeSignedUrl(token).catch(() => undefined); // best effort: the sandbox may be gone
  }

  status(): PreviewStatus {
    const state = this.machine.state;
    return { phase: state.kind, words: stateWords(state), message: this.syncReason ?? stateSentence(state, this.session.info.port), sync: this.sync };
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
    return this.session.preview.sandbox.refreshActivity();
  }

  signedUrl(): Promise<SignedPreviewUrl> {
    return this.link.get();
  }

  /** A link of its own for `seconds` (Share Preview…): never the panel's or Copy Link's, so it lives exactly as long as asked. */
  signedUrlFor(seconds: number): Promise<SignedPreviewUrl> {
    return this.session.preview.signedUrl(seconds);
  }

  /** The local backend's links open on this machine only (Share Preview… says so). */
  get localOnly(): boolean {
    return this.session.info.backend === 'local';
  }

  /** A panel no longer shows `token`. The shared link stays valid (a browser tab or a teammate may hold it) until it expires. */
  async revoke(token: string): Promise<void> {
    if (this.link.isShared(token)) return;
    await this.session.preview.revokeSignedUrl(token).catch((error: unknown) => {
      this.logger.debug(`Could not revoke a preview URL: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** The dev server's last log lines, for the diagnosis when it does not answer. */
  get tail(): PreviewSession['tail'] {
    return this.session.tail;
  }

  /** Streams the dev server's output into its Output channel until it exits or following stops. */
  followLogs(): void {
    this.session.followLogs();
  }

  stopFollowing(): void {
    this.session.stopFollowing();
  }

  dispose(): void {
    this.unsubscribe();
    this.session.dispose();
    this.log.dispose();
    this.statusChanged.dispose();
  }
}
