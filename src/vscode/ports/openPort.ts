// Opening a port of a sandbox that is not its dev server's (an API, a second app): in VS Code's Simple Browser
// beside the editor, or in the user's browser, through a signed link of its own.
import * as vscode from 'vscode';
import type { LoadEngine } from '../engineLoader';
import { openLinkInBrowser } from '../previews/browserLink';
import type { PreviewRegistry } from '../previews/types';
import type { SandboxBackends } from '../views/deps';
import { signedPreviewLink } from '../views/previewLink';
import type { PortActions } from './sandboxPorts';

export function portActions(deps: { readonly backends: SandboxBackends; readonly registry: PreviewRegistry; readonly loadEngine: LoadEngine }): PortActions {
  return {
    openPreview: async (sandboxId, port) => {
      const link = await signedPreviewLink(deps, { sandboxId, port });
      await vscode.commands.executeCommand('simpleBrowser.show', link.url);
    },
    openInBrowser: async (sandboxId, port) => {
      const link = await signedPreviewLink(deps, { sandboxId, port });
      if ((await openLinkInBrowser(link.url)) === 'copied') void vscode.window.showInformationMessage(`Forge: could not open a browser from here; the link to port ${port} is copied.`);
    },
  };
}
