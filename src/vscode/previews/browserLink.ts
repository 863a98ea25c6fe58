// Opens a preview link in the user's browser: the host's mapping of it when that keeps the app's paths (desktop
// remote port forwarding), else the link the panel shows (see browserChoice.ts).
import * as vscode from 'vscode';
import { chooseBrowserTarget } from './browserChoice';

export async function openLinkInBrowser(url: string): Promise<void> {
  const external = await vscode.env.asExternalUri(vscode.Uri.parse(url, true)).then(
    (uri) => uri.toString(true),
    () => url,
  );
  const target = chooseBrowserTarget(url, external);
  await vscode.env.openExternal(vscode.Uri.parse(target.url, true));
}
