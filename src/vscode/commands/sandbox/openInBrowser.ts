import * as vscode from 'vscode';
import { openLinkInBrowser } from '../../previews/browserLink';
import { signedPreviewLink } from '../../views/previewLink';
import type { SandboxCommandDeps } from './deps';
import { linkTarget } from './linkTarget';

export async function openInBrowser(deps: SandboxCommandDeps, node?: unknown): Promise<void> {
  const target = await linkTarget(deps, 'Open in Browser', node);
  if (!target) return;
  const link = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Forge: signing a preview link' }, () => signedPreviewLink(deps, target));
  deps.logger.info(`Opening a signed preview link for sandbox ${target.sandboxId} in the browser`);
  if ((await openLinkInBrowser(link.url)) === 'copied') void vscode.window.showInformationMessage('Forge: could not open a browser from here; the preview link is copied: paste it into one.');
}
