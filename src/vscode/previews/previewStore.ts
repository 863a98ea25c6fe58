import type * as vscode from 'vscode';
import type { PreviewInfo } from '../../core/preview';

const PREVIEWS = 'forge.previews';
const PENDING = 'forge.pendingSandbox';

/** A sandbox a preview run was setting up when VS Code went away: the next activation offers to resume or clean up. */
export interface PendingSandbox {
  readonly folder: string;
  readonly sandboxId: string;
  readonly created: boolean;
}

/** What Forge remembers per workspace (workspace state): the preview of each folder, and a run in flight. No secrets. */
export class PreviewStore {
  constructor(private readonly state: vscode.Memento) {}

  all(): Record<string, PreviewInfo> {
    return this.state.get<Record<string, PreviewInfo>>(PREVIEWS, {});
  }

  get(folder: string): PreviewInfo | undefined {
    return this.all()[folder];
  }

  /** The remembered preview of a sandbox and the key (folder URI) it is remembered under. */
  bySandbox(sandboxId: string): { readonly folderKey: string; readonly info: PreviewInfo } | undefined {
    const found = Object.entries(this.all()).find(([, info]) => info.sandboxId === sandboxId);
    return found ? { folderKey: found[0], info: found[1] } : undefined;
  }

  async set(folder: string, info: PreviewInfo): Promise<void> {
    await this.state.update(PREVIEWS, { ...this.all(), [folder]: info });
  }

  async remove(sandboxId: string): Promise<void> {
    await this.state.update(PREVIEWS, Object.fromEntries(Object.entries(this.all()).filter(([, info]) => info.sandboxId !== sandboxId)));
  }

  pending(): PendingSandbox | undefined {
    return this.state.get<PendingSandbox>(PENDING);
  }

  async setPending(pending: PendingSandbox | undefined): Promise<void> {
    await this.state.update(PENDING, pending);
  }
}
