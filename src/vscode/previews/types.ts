import type * as vscode from 'vscode';
import type { PreviewStateKind } from '../../core/preview/previewState';

/** Where a preview stands (the core state machine's state), as the panel, the status bar and the tree show it. */
export type PreviewPhase = PreviewStateKind;

/** Whether the sandbox has what the editor has (issue: local changes, live). */
export type SyncPhase = 'synced' | 'syncing' | 'out-of-sync' | 'off';

export interface PreviewStatus {
  readonly phase: PreviewPhase;
  /** One sentence: what the preview waits for, why it is not shown, or why it is out of sync. */
  readonly message?: string;
  /** The state in words for badges: "running", "restarting", "stopped" … */
  readonly words: string;
  readonly sync: SyncPhase;
}

export interface SignedPreviewUrl {
  readonly url: string;
  readonly token: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** What a preview panel needs from a running preview. Implemented by the PreviewManager. */
export interface PreviewSource {
  readonly sandboxId: string;
  /** The workspace folder (URI) this preview is of: a new preview of the same folder reuses a deleted one's tab. */
  readonly folderKey: string;
  /** e.g. "acme/shop · main". */
  readonly title: string;
  /** The dev server's port inside the sandbox (what the panel shows). */
  readonly port?: number;
  /** A fresh signed URL that opens the app without headers (works in an iframe). */
  signedUrl(): Promise<SignedPreviewUrl>;
  /** Revokes a signed URL the panel no longer shows. */
  revoke(token: string): Promise<void>;
  status(): PreviewStatus;
  readonly onDidChangeStatus: vscode.Event<void>;
  /** Resets the sandbox's auto-stop countdown (called while the panel is visible). */
  refreshActivity?(): Promise<void>;
}

/** The previews this window knows about, for the panel serializer, the tree and the status bar. */
export interface PreviewRegistry {
  readonly onDidChange: vscode.Event<void>;
  /** The preview of the current workspace folder, if any. */
  current(): PreviewSource | undefined;
  /** Finds (or reconnects to, after a reload) the preview of a sandbox; undefined when it is gone. */
  sourceFor(sandboxId: string): Promise<PreviewSource | undefined>;
}
