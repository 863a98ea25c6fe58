import * as vscode from 'vscode';
import { readEnvFile } from '../core/envFile';
import { ForgeError } from '../common/errors';
import type { PreviewSettings } from '../core/pipeline/settings';
import type { SandboxClass } from '../core/connect';

export const SECTION = 'forge';

export type BackendSetting = 'auto' | 'daytona' | 'local';
export type OnPreviewClose = 'keep' | 'stop' | 'delete';

/** Reads Forge's settings for a workspace folder into the plain object the pipeline takes. */
export async function readPreviewSettings(folder: vscode.Uri): Promise<PreviewSettings> {
  const c = vscode.workspace.getConfiguration(SECTION, folder);
  const port = c.get<number | null>('port', null);
  if (port !== null && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new ForgeError('bad-setting', `forge.port is ${JSON.stringify(port)}, which is not a port number.`, { hint: 'Set forge.port to a whole number from 1 to 65535, or clear it to use the framework\'s default.' });
  }
  const envFile = c.get<string>('sandbox.envFile', '').trim();
  const envVars = { ...stringRecord(c.get<Record<string, unknown>>('sandbox.envVars', {})), ...(envFile ? await readEnvFile(folder.fsPath, envFile) : {}) };
  const devCommand = c.get<string>('devCommand', '').trim();
  const appPath = c.get<string>('appPath', '').trim();
  const cacheVolume = c.get<string>('cacheVolume', '').trim();
  return {
    resources: {
      sandboxClass: c.get<SandboxClass>('sandbox.class', 'small'),
      cpu: c.get<number>('sandbox.cpu', 2),
      memory: c.get<number>('sandbox.memory', 4),
      disk: c.get<number>('sandbox.disk', 10),
    },
    public: c.get<boolean>('sandbox.public', false),
    envVars,
    autoStopMinutes: c.get<number>('sandbox.autoStopMinutes', 15),
    autoArchiveMinutes: c.get<number>('sandbox.autoArchiveMinutes', 0),
    autoDeleteMinutes: c.get<number>('sandbox.autoDeleteMinutes', 10080),
    installTimeoutSeconds: c.get<number>('installTimeoutSeconds', 900),
    readyTimeoutSeconds: c.get<number>('readyTimeoutSeconds', 180),
    ...(devCommand ? { devCommand } : {}),
    ...(port !== null ? { port } : {}),
    ...(appPath ? { appPath } : {}),
    buildBeforePreview: c.get<boolean>('buildBeforePreview', false),
    githubHost: c.get<string>('githubHost', 'github.com').trim() || 'github.com',
    ...(cacheVolume ? { cacheVolume } : {}),
    includeIgnored: c.get<string[]>('sync.includeIgnored', []),
  };
}

export function backendSetting(): BackendSetting {
  return vscode.workspace.getConfiguration(SECTION).get<BackendSetting>('backend', 'auto');
}

export function onPreviewClose(): OnPreviewClose {
  return vscode.workspace.getConfiguration(SECTION).get<OnPreviewClose>('onPreviewClose', 'keep');
}

function stringRecord(value: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
