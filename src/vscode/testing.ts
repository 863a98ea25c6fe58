import type { BackendManager } from './backend';
import { isEngineLoaded } from './engine';
import type { ForgeLogger } from './logger';
import type { PreviewPanels } from './previews/registerPreviewPanels';
import type { PreviewManager } from './previews/previewManager';
import type { SandboxesView } from './views/registerSandboxesView';

/** Handles the integration tests reach through the extension's exports (only when FORGE_TEST=1). */
export interface TestingApi {
  readonly backends: BackendManager;
  readonly previews: PreviewManager;
  readonly panels: PreviewPanels;
  readonly logger: ForgeLogger;
  readonly sandboxesView: SandboxesView;
  readonly isEngineLoaded: () => boolean;
}

export function testingApi(deps: Omit<TestingApi, 'isEngineLoaded'>): TestingApi {
  return { ...deps, isEngineLoaded };
}
