import * as vscode from 'vscode';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SandboxClient } from '../core/connect';
import { ForgeError } from '../common/errors';
import type { Logger } from '../common/logger';
import type { BackendConnection } from '../core/connect';
import { backendSetting, SECTION } from './config';
import { CommandIds } from './commands/ids';
import type { LoadEngine } from './engineLoader';
import { Disposable } from './lifecycle/disposable';
import { startWithIsolationChoice } from './localIsolation';
import type { ApiKeyStore } from './apiKeyStore';

interface LocalHandle {
  readonly apiUrl: string;
  readonly apiKey: string;
  readonly dataDir: string;
  close(): Promise<void>;
}

export interface ActiveBackend {
  readonly connection: BackendConnection;
  readonly daytona: SandboxClient;
  /** "Daytona" or "the local backend", for messages. */
  readonly displayName: string;
}

/**
 * Decides which backend Forge talks to (settings, API key, workspace trust), starts the embedded local backend on
 * first use, and hands out one SDK client per connection. Fires onDidChange when the choice may have changed.
 */
const LOCAL_NOTICE_DISMISSED = 'forge.localBackendNoticeDismissed';
const DONT_SHOW_AGAIN = "Don't Show Again";

export class BackendManager extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private local: Promise<LocalHandle> | undefined;
  private cached: { key: string; backend: ActiveBackend } | undefined;
  private saidLocal = false;

  constructor(
    private readonly apiKeys: ApiKeyStore,
    private readonly logger: Logger,
    private readonly storageDir: string,
    private readonly loadEngine: LoadEngine,
    /** Remembers "Don't show again" on the local-backend notice (global state); without it the notice shows once per session. */
    private readonly globalState?: vscode.Memento,
  ) {
    super();
    this._register(apiKeys.onDidChange(() => this.invalidate()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        // A new data directory means another local backend: close the running one; the next use starts it anew.
        if (e.affectsConfiguration(`${SECTION}.local`)) void this.disposeAsync();
        if (e.affectsConfiguration(`${SECTION}.backend`) || e.affectsConfiguration(`${SECTION}.daytona`) || e.affectsConfiguration(`${SECTION}.local`)) this.invalidate();
      }),
    );
  }

  /** Which kind `auto` resolves to right now, without starting anything. */
  async kind(): Promise<'daytona' | 'local'> {
    const setting = backendSetting();
    if (setting !== 'auto') return setting;
    return (await this.apiKeys.get()) ? 'daytona' : 'local';
  }

  /** The backend to use, started and connected. Throws a ForgeError a user can act on. */
  async get(): Promise<ActiveBackend> {
    const kind = await this.kind();
    const connection = kind === 'local' ? await this.localConnection() : await this.daytonaConnection();
    const cacheKey = `${connection.kind}|${connection.apiUrl}|${connection.target ?? ''}|${connection.apiKey}`;
    if (this.cached?.key === cacheKey) return this.cached.backend;
    const backend: ActiveBackend = {
      connection,
      daytona: this.loadEngine().createDaytonaClient(connection),
      displayName: kind === 'local' ? 'The local backend' : 'Daytona',
    };
    this.cached = { key: cacheKey, backend };
    return backend;
  }

  private async daytonaConnection(): Promise<BackendConnection> {
    const apiKey = await this.apiKeys.get();
    if (!apiKey) {
      throw new ForgeError('api-key', 'No Daytona API key is set.', { hint: 'Run "Forge: Set Daytona API Key", or set forge.backend to "local" to preview without an account.' });
    }
    const c = vscode.workspace.getConfiguration(SECTION);
    const apiUrl = c.get<string>('daytona.apiUrl', '').trim() || process.env['DAYTONA_API_URL'] || 'https://app.daytona.io/api';
    const target = c.get<string>('daytona.target', '').trim() || process.env['DAYTONA_TARGET'] || undefined;
    return { kind: 'daytona', apiUrl, apiKey, ...(target ? { target } : {}) };
  }

  private async localConnection(): Promise<BackendConnection> {
    if (!vscode.workspace.isTrusted) {
      throw new ForgeError('untrusted', 'The local backend runs the repository\'s code on this machine, so it needs a trusted workspace.', {
        hint: 'Trust this workspace (Manage Workspace Trust), or set a Daytona API key to preview in the cloud.',
      });
    }
    if (!this.saidLocal && backendSetting() === 'auto') {
      this.saidLocal = true;
      this.logger.info('No Daytona API key is set: using the local backend (sandboxes are folders on this machine).');
      if (!this.globalState?.get<boolean>(LOCAL_NOTICE_DISMISSED)) {
        void vscode.window.showInformationMessage('Forge is using its local backend: no Daytona API key is set. Previews run on this machine.', 'Set API Key', DONT_SHOW_AGAIN).then((choice) => {
          if (choice === 'Set API Key') void vscode.commands.executeCommand(CommandIds.setApiKey);
          else if (choice === DONT_SHOW_AGAIN) void this.globalState?.update(LOCAL_NOTICE_DISMISSED, true);
        });
      }
    }
    this.local ??= this.startLocal();
    try {
      const handle = await this.local;
      return { kind: 'local', apiUrl: handle.apiUrl, apiKey: handle.apiKey };
    } catch (error) {
      this.local = undefined;
      throw new ForgeError('backend-unavailable', `The local backend could not start: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  private async startLocal(): Promise<LocalHandle> {
    const configured = vscode.workspace.getConfiguration(SECTION).get<string>('local.dataDir', '').trim();
    const dataDir = configured || path.join(this.storageDir || path.join(os.homedir(), '.cache', 'forge'), 'local-backend');
    // Fault injection only for the integration tests (FORGE_TEST=1 also exposes the testing API); never for users.
    const backend = await startWithIsolationChoice((isolate) => this.loadEngine().startLocalBackend({ dataDir, logger: this.logger, isolate, faults: process.env['FORGE_TEST'] === '1' }), this.logger);
    this.logger.info(`Local backend listening at ${backend.apiUrl} (data in ${dataDir})${backend.isolated ? '' : '; NOT isolated (forge.local.isolation is none): sandbox commands run as plain processes'}`);
    return backend;
  }

  private invalidate(): void {
    this.cached = undefined;
    this.changed.fire();
  }

  /** The running local backend, if any (tests inject faults through it). */
  localBackend(): Promise<LocalHandle> | undefined {
    return this.local;
  }

  async disposeAsync(): Promise<void> {
    const local = this.local;
    this.local = undefined;
    if (local) await (await local.catch(() => undefined))?.close();
  }

  override dispose(): void {
    void this.disposeAsync();
    super.dispose();
  }
}
