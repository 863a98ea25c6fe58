import * as vscode from 'vscode';
import { CommandIds } from '../../../src/vscode/commands/ids';
import { activateForge } from './forge';

/** What the extension host had loaded right after Forge activated and ran one light command. */
export interface StartupProbe {
  readonly lightCommand: string;
  readonly loadedModules: readonly string[];
}

let probe: StartupProbe | undefined;

/**
 * Called by the runner before any suite runs, so that the answer does not depend on which suites ran first
 * (a later suite that previews loads the engine on purpose).
 */
export async function captureStartupProbe(): Promise<void> {
  await activateForge();
  const lightCommand = CommandIds.showForgeLogs;
  await vscode.commands.executeCommand(lightCommand);
  probe = { lightCommand, loadedModules: Object.keys(require.cache) };
}

export function startupProbe(): StartupProbe {
  if (!probe) throw new Error('The startup probe did not run: is this suite running under test/integration/index.ts?');
  return probe;
}
