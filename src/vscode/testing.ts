import type * as vscode from 'vscode';
import type { BackendManager } from './backend';
import { openTerminals } from './commands/sandbox/openTerminal';
import type { ForgeLogger } from './logger';
import type { PreviewPanelRegistry } from './previews/panelRegistry';
import type { PreviewManager } from './previews/previewManager';
import type { SandboxPseudoterminal } from './terminal/sandboxPseudoterminal';
import type { SandboxesView } from './views/registerSandboxesView';

/** Handles the integration tests reach through the extension's exports (only when FORGE_TEST=1). */
export interface TestingApi {
  readonly backends: BackendManager;
  readonly previews: PreviewManager;
  readonly panels: PreviewPanelRegistry;
  readonly logger: ForgeLogger;
  readonly sandboxesView: SandboxesView;
  readonly isEngineLoaded: () => boolean;
  /** The sandbox terminals open now, with their Pseudoterminals. */
  readonly terminals: ReadonlyMap<vscode.Terminal, SandboxPseudoterminal>;
  /** The extension's workspace and global state (the secret scan reads them: under code-server they live in the browser). */
  readonly mementos: { readonly workspace: vscode.Memento; readonly global: vscode.Memento };
}

export function testingApi(deps: Omit<TestingApi, 'terminals'>): TestingApi {
  return { ...deps, terminals: openTerminals };
}
