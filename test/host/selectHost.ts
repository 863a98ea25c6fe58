// Which VS Code runs the integration suites: desktop VS Code through @vscode/test-electron where it can be
// downloaded and shown, else code-server in headless Chromium. FORGE_TEST_HOST or --host decides explicitly.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';
import { VSCODE_VERSION } from './versions';

export type HostKind = 'code-server' | 'electron';

export interface HostChoice {
  readonly kind: HostKind;
  readonly reason: string;
}

export async function selectHost(requested: string | undefined = process.env['FORGE_TEST_HOST']): Promise<HostChoice> {
  if (requested && requested !== 'auto') {
    if (requested === 'code-server' || requested === 'electron') return { kind: requested, reason: 'asked for' };
    throw new Error(`Unknown test host "${requested}": use code-server, electron or auto.`);
  }
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return { kind: 'code-server', reason: 'no display for desktop VS Code' };
  }
  if (hasDownloadedVSCode()) return { kind: 'electron', reason: `VS Code ${VSCODE_VERSION} already downloaded` };
  if (await canDownloadVSCode()) return { kind: 'electron', reason: 'VS Code can be downloaded' };
  return { kind: 'code-server', reason: 'VS Code cannot be downloaded here' };
}

/** @vscode/test-electron keeps its downloads in .vscode-test/ of the checkout. */
function hasDownloadedVSCode(): boolean {
  const dir = path.join(repoRoot, '.vscode-test');
  return fs.existsSync(dir) && fs.readdirSync(dir).some((entry) => entry.startsWith('vscode-') && entry.endsWith(VSCODE_VERSION));
}

async function canDownloadVSCode(): Promise<boolean> {
  try {
    const response = await fetch('https://update.code.visualstudio.com/api/releases/stable', { method: 'HEAD', signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}
