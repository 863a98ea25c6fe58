import * as vscode from 'vscode';

const API_KEY = 'forge.daytona.apiKey';

/** The Daytona API key: SecretStorage first (set by "Forge: Set Daytona API Key"), then DAYTONA_API_KEY. */
export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === API_KEY) this.changed.fire();
    });
  }

  async get(): Promise<string | undefined> {
    return (await this.secrets.get(API_KEY)) ?? (process.env['DAYTONA_API_KEY'] || undefined);
  }

  async hasStoredKey(): Promise<boolean> {
    return (await this.secrets.get(API_KEY)) !== undefined;
  }

  async set(key: string): Promise<void> {
    await this.secrets.store(API_KEY, key);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(API_KEY);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
