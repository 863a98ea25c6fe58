import type { BackendManager } from './backend';
import { isEngineLoaded } from './engine';
import type { PreviewManager } from './previews/previewManager';

/** Handles the integration tests reach through the extension's exports (only when FORGE_TEST=1). */
export interface TestingApi {
  readonly backends: BackendManager;
  readonly previews: PreviewManager;
  readonly isEngineLoaded: () => boolean;
}

export function testingApi(deps: { backends: BackendManager; previews: PreviewManager }): TestingApi {
  return { ...deps, isEngineLoaded };
}
