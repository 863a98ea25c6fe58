// Every port a previewed sandbox listens on, while its preview panel is open: a PortWatch per open panel, the
// ports shown as children of the sandbox node, and a newly opened port handled as `forge.ports` and the
// repository's devcontainer.json `portsAttributes` say (ask once, open a preview, open the browser, list it
// silently, or hide it).
import * as vscode from 'vscode';
import { portAttributes, type PortAttributes, type RawPortAttributes } from '../../core/ports/portAttributes';
import { PortWatch } from '../../core/ports/portWatch';
import type { Logger } from '../../common/logger';
import { SECTION } from '../config';
import type { LoadEngine } from '../engineLoader';
import type { PreviewPanels } from '../previews/registerPreviewPanels';
import type { SandboxBackends } from '../views/deps';

export const PORTS_SETTING = 'ports';
/** globalState: the user chose "Don't show again" on a port notification. */
const MUTED_KEY = 'forge.ports.notificationsMuted';

/** A port of a sandbox as the tree shows it. */
export interface SandboxPort {
  readonly port: number;
  readonly label?: string;
  /** The dev server's port: the preview panel shows it. */
  readonly preview: boolean;
}

export interface PortActions {
  openPreview(sandboxId: string, port: number): Promise<void>;
  openInBrowser(sandboxId: string, port: number): Promise<void>;
}

interface Watched {
  readonly watch: PortWatch;
  readonly previewPort: number;
  readonly sources: readonly (Readonly<Record<string, RawPortAttributes>> | undefined)[];
}

export class SandboxPorts implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the sandbox id when its listed ports changed. */
  readonly onDidChange = this.changed.event;
  private readonly watched = new Map<string, Watched>();
  private readonly starting = new Set<string>();
  private readonly reconcileTimer = setInterval(() => this.reconcile(), 3_000);
  /** Notifications shown, by sandbox and port: each port asks once. */
  private readonly asked = new Set<string>();

  constructor(
    private readonly deps: { readonly backends: SandboxBackends; readonly logger: Logger; readonly loadEngine: LoadEngine; readonly panels: Pick<PreviewPanels, 'panelFor' | 'all'>; readonly state: vscode.Memento; readonly actions: PortActions },
    private readonly intervalMs = 4_000,
  ) {
    this.reconcile();
  }

  /** The ports of a watched sandbox (the preview's first), without the ignored ones; empty when not watched. */
  portsOf(sandboxId: string): SandboxPort[] {
    const w = this.watched.get(sandboxId);
    if (!w) return [];
    const others = w.watch.ports.filter((p) => p !== w.previewPort).flatMap((port) => {
      const attributes = portAttributes(port, w.sources);
      return attributes.onAutoForward === 'ignore' ? [] : [{ port, preview: false, ...(attributes.label ? { label: attributes.label } : {}) }];
    });
    const label = portAttributes(w.previewPort, w.sources).label;
    return [{ port: w.previewPort, preview: true, ...(label ? { label } : {}) }, ...others];
  }

  isWatched(sandboxId: string): boolean {
    return this.watched.has(sandboxId);
  }

  /** Starts a watch for each open preview panel and ends the watch of each closed one. */
  reconcile(): void {
    const open = new Map(this.deps.panels.all().map((p) => [p.source.sandboxId, p.source]));
    for (const [id, w] of this.watched) {
      if (open.has(id)) continue;
      w.watch.dispose();
      this.watched.delete(id);
      this.changed.fire(id);
    }
    for (const [id, source] of open) {
      if (!this.watched.has(id) && !this.starting.has(id)) void this.start(id, source.folderKey, source.port);
    }
  }

  private async start(sandboxId: string, folderKey: string, sourcePort: number | undefined): Promise<void> {
    this.starting.add(sandboxId);
    try {
      const engine = this.deps.loadEngine();
      const { daytona } = await this.deps.backends.get();
      const sandbox = await daytona.get(sandboxId);
      const previewPort = sourcePort ?? Number(sandbox.labels['forge.port']);
      const sources = await this.attributeSources(folderKey);
      if (!this.deps.panels.panelFor(sandboxId) || this.watched.has(sandboxId)) return;
      const watch = new PortWatch({
        list: () => engine.listSandboxPorts(sandbox),
        intervalMs: this.intervalMs,
        onChange: (_ports, opened) => {
          this.changed.fire(sandboxId);
          for (const port of opened) if (port !== previewPort) void this.onOpened(sandboxId, port, portAttributes(port, sources));
        },
        onError: (error) => this.deps.logger.debug(`Listing the ports of ${sandboxId}: ${error instanceof Error ? error.message : String(error)}`),
      });
      this.watched.set(sandboxId, { watch, previewPort, sources });
    } catch (error) {
      this.deps.logger.debug(`Could not watch the ports of ${sandboxId}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.starting.delete(sandboxId);
    }
  }

  /** `forge.ports` for the folder first, then the repository's devcontainer.json. */
  private async attributeSources(folderKey: string): Promise<(Readonly<Record<string, RawPortAttributes>> | undefined)[]> {
    const uri = vscode.Uri.parse(folderKey.split('#')[0] ?? folderKey);
    const setting = vscode.workspace.getConfiguration(SECTION, uri).get<Record<string, RawPortAttributes>>(PORTS_SETTING);
    const devcontainer = uri.scheme === 'file' ? await this.deps.loadEngine().readDevcontainer(uri.fsPath).catch(() => undefined) : undefined;
    return [setting, devcontainer?.config.portsAttributes];
  }

  private async onOpened(sandboxId: string, port: number, attributes: PortAttributes): Promise<void> {
    const key = `${sandboxId}:${port}`;
    if (this.asked.has(key)) return;
    this.asked.add(key);
    const name = attributes.label ? `${attributes.label} (port ${port})` : `port ${port}`;
    this.deps.logger.info(`Sandbox ${sandboxId} opened ${name} (onAutoForward: ${attributes.onAutoForward})`);
    switch (attributes.onAutoForward) {
      case 'openPreview':
        return this.deps.actions.openPreview(sandboxId, port);
      case 'openBrowser':
        return this.deps.actions.openInBrowser(sandboxId, port);
      case 'silent':
      case 'ignore':
        return;
      case 'notify': {
        if (this.deps.state.get<boolean>(MUTED_KEY, false)) return;
        const choice = await vscode.window.showInformationMessage(`Forge: your app opened ${name}.`, 'Preview', 'Open in Browser', 'Ignore', "Don't Show Again");
        if (choice === 'Preview') await this.deps.actions.openPreview(sandboxId, port);
        else if (choice === 'Open in Browser') await this.deps.actions.openInBrowser(sandboxId, port);
        else if (choice === "Don't Show Again") await this.deps.state.update(MUTED_KEY, true);
        return;
      }
    }
  }

  dispose(): void {
    clearInterval(this.reconcileTimer);
    for (const w of this.watched.values()) w.watch.dispose();
    this.watched.clear();
    this.changed.dispose();
  }
}
