// The page a preview tab shows instead of a preview when its sandbox is gone (deleted, or unreachable after a
// reload): a message and one "Preview again" link, no script.
import * as vscode from 'vscode';
import { CommandIds } from '../commands/ids';
import { messagePageHtml } from './previewHtml';
import { webviewOptions, webviewResources, type PanelHost } from './webviewResources';

export const DELETED_MESSAGE = 'This sandbox was deleted.';

/**
 * The sandbox is gone (or could not be reached): a message and one "Preview again" link instead of a preview. No
 * script; the link is a command URI, and only `forge.preview` is allowed.
 */
export function showGoneMessage(panel: vscode.WebviewPanel, host: PanelHost, message: string): void {
  panel.webview.options = { ...webviewOptions(host), enableScripts: false, enableCommandUris: [CommandIds.preview] };
  panel.iconPath = vscode.Uri.joinPath(host.extensionUri, 'media', 'forge.svg');
  const { styleUri } = webviewResources(host, panel.webview);
  panel.webview.html = messagePageHtml({ cspSource: panel.webview.cspSource, styleUri: styleUri.toString(), title: panel.title, message, action: { label: 'Preview again', href: `command:${CommandIds.preview}` } });
}
