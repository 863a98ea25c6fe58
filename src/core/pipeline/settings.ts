import type { ResourceSettings } from '../../daytona/resources';

/** Everything the pipeline reads from settings, as plain data (the VS Code layer and the CLI both build it). */
export interface PreviewSettings {
  readonly resources: ResourceSettings;
  readonly public: boolean;
  /** Environment for the dev server, already merged from settings and the env file. */
  readonly envVars: Readonly<Record<string, string>>;
  readonly autoStopMinutes: number;
  readonly autoArchiveMinutes: number;
  readonly autoDeleteMinutes: number;
  readonly installTimeoutSeconds: number;
  readonly readyTimeoutSeconds: number;
  readonly devCommand?: string;
  readonly port?: number;
  readonly appPath?: string;
  readonly buildBeforePreview: boolean;
  /** `github.com`, an enterprise host, or a base URL such as `http://127.0.0.1:8123` (tests). */
  readonly githubHost: string;
  readonly cacheVolume?: string;
  /** Ignored files the user asked to upload anyway. */
  readonly includeIgnored: readonly string[];
}

export const DEFAULT_PREVIEW_SETTINGS: PreviewSettings = {
  resources: { sandboxClass: 'small', cpu: 2, memory: 4, disk: 10 },
  public: false,
  envVars: {},
  autoStopMinutes: 15,
  autoArchiveMinutes: 0, // Daytona's maximum (30 days): after the delete, so a stopped sandbox is deleted, not archived
  autoDeleteMinutes: 10080,
  installTimeoutSeconds: 900,
  readyTimeoutSeconds: 180,
  buildBeforePreview: false,
  githubHost: 'github.com',
  includeIgnored: [],
};
