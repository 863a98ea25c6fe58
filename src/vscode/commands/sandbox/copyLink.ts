import * as vscode from 'vscode';
import { expiryText } from '../../previews/signedAddress';
import { signedPreviewLink } from '../../views/previewLink';
import type { SandboxCommandDeps } from './deps';
import { linkTarget } from './linkTarget';

export async function copyPreviewLink(deps: SandboxCommandDeps, node?: unknown): Promise<void> {
  const target = await linkTarget(deps, 'Copy Preview Link', node);
  if (!target) return;
  const link = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Forge: signing a preview link' }, () => signedPreviewLink(deps, target));
  await vscode.env.clipboard.writeText(link.url);
  // The link carries a token: it goes to the clipboard only, never to the log.
  deps.logger.info(`Copied a signed preview link for sandbox ${target.sandboxId}`);
  vscode.window.setStatusBarMessage(`$(check) Forge: preview link copied (${expiryText(link.expiresAt, Date.now())})`, 5000);
}
