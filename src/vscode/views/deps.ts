import type * as vscode from 'vscode';
import type { Logger } from '../../common/logger';
import type { BackendManager } from '../backend';
import type { LoadEngine } from '../engineLoader';
import type { PreviewRegistry } from '../previews/types';
import type { ApiKeyStore } from '../apiKeyStore';
import type { PreviewActions } from './previewActions';

/** The parts of the BackendManager the view uses (narrow, so tests and the bench can supply their own). */
export type SandboxBackends = Pick<BackendManager, 'get' | 'kind' | 'onDidChange'>;
export type SandboxApiKeys = Pick<ApiKeyStore, 'get' | 'onDidChange'>;

export interface SandboxesViewDeps {
  readonly backends: SandboxBackends;
  readonly apiKeys: SandboxApiKeys;
  readonly registry: PreviewRegistry;
  readonly previewActions: PreviewActions;
  readonly logger: Logger & { readonly channel: vscode.LogOutputChannel };
  readonly loadEngine: LoadEngine;
}
