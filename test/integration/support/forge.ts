import * as vscode from 'vscode';

/** `publisher.name` from package.json. */
export const FORGE_EXTENSION_ID = 'forge-dev.forge';

export function forgeExtension(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(FORGE_EXTENSION_ID);
  if (!extension) throw new Error(`${FORGE_EXTENSION_ID} is not installed in this VS Code (is the development path right?)`);
  return extension;
}

/** Activates Forge (a no-op when it already is) and returns it. */
export async function activateForge(): Promise<vscode.Extension<unknown>> {
  const extension = forgeExtension();
  await extension.activate();
  return extension;
}

interface CommandContribution {
  readonly command: string;
  readonly title: string;
  readonly category?: string;
}

/** The commands Forge's manifest contributes. */
export function contributedCommands(): readonly CommandContribution[] {
  const manifest = forgeExtension().packageJSON as { contributes?: { commands?: CommandContribution[] } };
  return manifest.contributes?.commands ?? [];
}
