import * as vscode from 'vscode';
import { SECTION } from '../config';
import type { LoadEngine } from '../engineLoader';
import type { SandboxApiKeys, SandboxBackends } from './deps';
import type { ListResult } from './sandboxesModel';

export const SHOW_ALL_SETTING = 'sandboxes.showAll';

export function showAllSandboxes(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>(SHOW_ALL_SETTING, false);
}

/**
 * The model's one list walk. Without an API key for Daytona it does not list at all (the welcome view asks
 * for a key instead); SDK errors become ForgeErrors that name the backend.
 */
export async function fetchSandboxes(backends: SandboxBackends, apiKeys: SandboxApiKeys, loadEngine: LoadEngine): Promise<ListResult> {
  if ((await backends.kind()) === 'daytona' && !(await apiKeys.get())) return { kind: 'no-api-key' };
  const backend = await backends.get();
  const engine = loadEngine();
  try {
    return { kind: 'list', sandboxes: await engine.listSandboxes(backend.daytona, { all: showAllSandboxes() }) };
  } catch (error) {
    throw engine.toForgeError(error, 'listing sandboxes', backend.displayName);
  }
}
