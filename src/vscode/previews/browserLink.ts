// Opens a preview link in the user's browser: the host's mapping of it when that keeps the app's paths (desktop
// remote port forwarding), else the link the panel shows (see browserChoice.ts).
import * as vscode from 'vscode';
import { chooseBrowserTarget } from './browserChoice';

/** `copied`: the host could not open a browser (a workbench that shows no dialogs, say), so the link is on the clipboard. */
export type BrowserOpening = 'opened' | 'declined' | 'copied';

export async function openLinkInBrowser(url: string): Promise<BrowserOpening> {
  const external = await vscode.env.asExternalUri(vscode.Uri.parse(url, true)).then(
    (uri) => uri.toString(true),
    () => url,
  );
  const target = chooseBrowserTarget(url, external);
  try {
    return (await vscode.env.openExternal(vscode.Uri.parse(target.url, true))) ? 'opened' : 'declined';
  } catch {
    // Not a dead end: the user can still paste the link into a browser.
    await vscode.env.clipboard.writeText(target.url);
    return 'copied';
  }
}

/** What to tell the user after `openLinkInBrowser`, `validity` e.g. "valid for 1 h". */
export function browserOpeningText(opening: BrowserOpening, validity: string): string {
  if (opening === 'copied') return `Could not open a browser from here: the link is copied, paste it into one (${validity})`;
  if (opening === 'declined') return 'Not opened';
  return `Opened in your browser (link ${validity})`;
}
