// Where the preview webview may load files from: the bundled script (dist/webview) and the stylesheet (media).
import * as vscode from 'vscode';

/** What a panel needs from the extension context (tests pass just this). */
export type PanelHost = Pick<vscode.ExtensionContext, 'extensionUri'>;

export function webviewOptions(host: PanelHost): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(host.extensionUri, 'media'), vscode.Uri.joinPath(host.extensionUri, 'dist', 'webview')],
  };
}

export function webviewResources(host: PanelHost, webview: vscode.Webview): { readonly scriptUri: vscode.Uri; readonly styleUri: vscode.Uri } {
  return {
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(host.extensionUri, 'dist', 'webview', 'preview.js')),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(host.extensionUri, 'media', 'preview.css')),
  };
}
