import * as vscode from 'vscode';
import { ForgeError } from '../../common/errors';
import type { LoadEngine } from '../engineLoader';
import type { PreviewRegistry } from '../previews/types';
import type { SandboxBackends } from './deps';

/** How long a link from "Copy Preview Link" / "Open in Browser" stays valid. */
export const LINK_SECONDS = 3600;

export interface LinkTarget {
  readonly sandboxId: string;
  /** A specific port (a port node); else the running preview's, else the `forge.port` label's. */
  readonly port?: number;
  readonly labelPort?: number;
}

export interface PreviewLink {
  readonly url: string;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/**
 * A signed preview URL (opens without headers, so a browser or a teammate can use it). The preview this window
 * runs for the sandbox hands one out; otherwise the backend signs one for the port. The URL carries a token:
 * callers must never log it.
 */
export async function signedPreviewLink(deps: { backends: SandboxBackends; registry: PreviewRegistry; loadEngine: LoadEngine }, target: LinkTarget): Promise<PreviewLink> {
  if (target.port === undefined) {
    const source = await deps.registry.sourceFor(target.sandboxId);
    if (source) {
      const signed = await source.signedUrl();
      return { url: signed.url, expiresAt: signed.expiresAt };
    }
  }
  const port = target.port ?? target.labelPort ?? (await askForPort());
  const backend = await deps.backends.get();
  try {
    const sandbox = await backend.daytona.get(target.sandboxId);
    const signed = await sandbox.getSignedPreviewUrl(port, LINK_SECONDS);
    return { url: signed.url, expiresAt: Date.now() + LINK_SECONDS * 1000 };
  } catch (error) {
    throw deps.loadEngine().toForgeError(error, `signing a preview link for port ${port}`, backend.displayName);
  }
}

async function askForPort(): Promise<number> {
  const answer = await vscode.window.showInputBox({
    title: 'Forge: Preview Port',
    prompt: 'This sandbox has no Forge preview. Which port in the sandbox should the link open?',
    placeHolder: '3000',
    validateInput: (value) => (/^\d{1,5}$/.test(value.trim()) && Number(value) >= 1 && Number(value) <= 65535 ? undefined : 'A port number from 1 to 65535.'),
  });
  if (answer === undefined) throw new ForgeError('cancelled', 'Cancelled.');
  return Number(answer.trim());
}
