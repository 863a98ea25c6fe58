import type { Sandbox } from '../../daytona/port';
import * as path from 'node:path';
import { resetSession, shellCommandWithEnvFile } from '../sandboxExec';
import type { DetectedApp } from '../types';
import { toolsPath, toolEnv } from './installStep';

export const DEV_SESSION = 'forge-dev';

export interface DevServerHandle {
  readonly sessionId: string;
  readonly commandId: string;
}

/**
 * Starts the dev server in its own background session (replacing any earlier one, whose processes end with it).
 * `env` is the user's environment (settings and env file), which wins over the detected defaults.
 */
export async function startDevServer(sandbox: Sandbox, repoPath: string, app: DetectedApp, env: Readonly<Record<string, string>>, useCacheVolume: boolean): Promise<DevServerHandle> {
  await resetSession(sandbox, DEV_SESSION);
  const cwd = path.posix.join(repoPath, app.installPath);
  // Grouped: a forge.devCommand such as `a & b` or `a; b` must run whole, in the app's folder with Forge's PATH.
  const command = await shellCommandWithEnvFile(sandbox, DEV_SESSION, cwd, { ...toolEnv(useCacheVolume), ...app.env, ...env }, `${toolsPath(sandbox.memory)} && (${app.devCommand}
)`);
  const { cmdId } = await sandbox.process.executeSessionCommand(DEV_SESSION, { command, runAsync: true });
  return { sessionId: DEV_SESSION, commandId: cmdId };
}
