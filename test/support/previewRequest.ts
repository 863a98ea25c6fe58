// A `runPreview` request as the test suites make it: the local backend, a git server as the GitHub host, a fixed
// token, the first app when there are several, and nothing printed unless a suite passes its own sinks.
import type { Daytona } from '@daytonaio/sdk';
import { createWorkingTreeReader } from '../../src/core/pipeline/defaultWorkingTree';
import type { PreviewRequest } from '../../src/core/pipeline/run';
import { DEFAULT_PREVIEW_SETTINGS, type PreviewSettings } from '../../src/core/pipeline/settings';
import type { Logger } from '../../src/common/logger';

export const SILENT_LOGGER: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

export interface TestPreviewBase {
  readonly folder: string;
  readonly daytona: Daytona;
  /** The test git server's base URL, treated as the GitHub host. */
  readonly githubHost: string;
  readonly token: string;
}

export type TestPreviewOverrides = Omit<Partial<PreviewRequest>, 'settings'> & { readonly settings?: Partial<PreviewSettings> };

export function testPreviewRequest(base: TestPreviewBase, overrides: TestPreviewOverrides = {}): PreviewRequest {
  const logger = overrides.logger ?? SILENT_LOGGER;
  return {
    folder: base.folder,
    daytona: base.daytona,
    backend: 'local',
    tree: createWorkingTreeReader(logger),
    signal: new AbortController().signal,
    logger,
    progress: { begin: () => undefined, detail: () => undefined, end: () => undefined },
    githubToken: () => Promise.resolve(base.token),
    chooseApp: (apps) => Promise.resolve(apps[0]),
    onLog: () => undefined,
    ...overrides,
    settings: { ...DEFAULT_PREVIEW_SETTINGS, githubHost: base.githubHost, ...overrides.settings },
  };
}
