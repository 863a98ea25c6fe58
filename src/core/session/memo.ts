/** What a full setup saw, so that "Preview this repo" again can tell that nothing changed since. No secrets: hashes. */
export interface RePreviewMemo {
  /** The commit checked out locally (HEAD) when the preview was set up. */
  readonly head: string | undefined;
  /** A hash of the settings the setup ran with (dev command, port, env …). */
  readonly settings: string;
  /** A hash of the local changes (path, kind, size, mtime) the setup uploaded. */
  readonly changes: string;
}
