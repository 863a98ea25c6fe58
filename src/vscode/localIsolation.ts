// The explicit, remembered choice to run the local backend without isolation. Isolation is required by
// default; where it cannot work here, a modal says what running without it means, and a yes is stored as
// `forge.local.isolation: none` (machine scope) so it is asked once, never decided silently.
import * as vscode from 'vscode';
import { ForgeError } from '../common/errors';
import type { Logger } from '../common/logger';
import { SECTION } from './config';

const RUN_UNISOLATED = 'Run Without Isolation';
const INSTALL = 'How to Install';

export function isolationSetting(): 'required' | 'none' {
  return vscode.workspace.getConfiguration(SECTION).get<string>('local.isolation', 'required') === 'none' ? 'none' : 'required';
}

/** Starts with isolation as set; where it is unavailable, asks once whether to run without it. */
export async function startWithIsolationChoice<T>(start: (isolate: boolean) => Promise<T>, logger: Logger): Promise<T> {
  if (isolationSetting() === 'none') return start(false);
  try {
    return await start(true);
  } catch (error) {
    if (!(error instanceof ForgeError) || error.code !== 'isolation-unavailable') throw error;
    logger.warn(error.message);
    const choice = await vscode.window.showWarningMessage(
      'Forge cannot isolate local sandboxes on this machine.',
      {
        modal: true,
        detail: `${error.message}\n\nWithout isolation, the repository's code (its install scripts and dev server) runs as plain processes with your user rights: it can read your files and keys and reach every service on this machine. Isolation needs Linux with bubblewrap and slirp4netns (sudo apt install bubblewrap slirp4netns).\n\nRun without isolation from now on (setting forge.local.isolation: none)?`,
      },
      RUN_UNISOLATED,
      INSTALL,
    );
    if (choice === INSTALL) void vscode.env.openExternal(vscode.Uri.parse('https://github.com/containers/bubblewrap#installation'));
    if (choice !== RUN_UNISOLATED) throw error;
    await vscode.workspace.getConfiguration(SECTION).update('local.isolation', 'none', vscode.ConfigurationTarget.Global);
    return start(false);
  }
}
