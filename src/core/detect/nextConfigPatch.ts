// Next.js reads `allowedDevOrigins` only from next.config (no environment variable, no CLI flag). Next 15 warns
// about cross-origin dev requests without it; Next 16 blocks them (HMR and dev resources break behind a preview
// proxy). So the sandbox copy gets a wrapper config: the user's file is renamed, and a new file with the original
// name imports it and adds the preview origins. The local working tree is never touched.
import { access } from 'node:fs/promises';
import * as path from 'node:path';
import type { DetectedApp } from '../types';
import { readPackageJson } from './packageJson';
import { nextAllowedDevOrigins } from './previewAllowances';

export interface SandboxFilePatch {
  /** Renames to make in the sandbox's copy, before the writes (paths relative to the repository root). */
  readonly renames: readonly { readonly from: string; readonly to: string }[];
  /** Files to write in the sandbox's copy (paths relative to the repository root). */
  readonly writes: readonly { readonly path: string; readonly content: string }[];
}

// Next.js looks for these, in this order.
const CONFIG_FILES = ['next.config.js', 'next.config.mjs', 'next.config.ts', 'next.config.mts'] as const;
export const USER_CONFIG_BASENAME = 'next.config.forge-user';

/**
 * What the pipeline must change in the sandbox so a Next.js dev server accepts the preview origin; undefined for
 * other apps or when no origin is needed (IP or localhost previews). Saving next.config.* later must go to the
 * renamed file (`renames[0].to`), or the wrapper is lost.
 */
export async function planNextDevOrigins(root: string, app: DetectedApp, previewUrl: string): Promise<SandboxFilePatch | undefined> {
  if (app.framework?.id !== 'next') return undefined;
  const origins = nextAllowedDevOrigins(previewUrl);
  if (origins.length === 0) return undefined;
  const appDir = path.join(root, app.appPath);
  const inApp = (file: string): string => path.posix.join(app.appPath, file);
  const existing = await firstExisting(appDir);
  if (!existing) {
    return { renames: [], writes: [{ path: inApp('next.config.mjs'), content: `export default { allowedDevOrigins: ${JSON.stringify(origins)} };\n` }] };
  }
  const extension = path.extname(existing);
  const userFile = `${USER_CONFIG_BASENAME}${extension}`;
  const isEsm = extension !== '.js' || (await readPackageJson(path.join(appDir, 'package.json')))?.type === 'module';
  const content = isEsm ? esmWrapper(importSpecifier(extension, userFile), origins, extension) : cjsWrapper(userFile, origins);
  return { renames: [{ from: inApp(existing), to: inApp(userFile) }], writes: [{ path: inApp(existing), content }] };
}

/** next.config.ts is compiled by Next.js with a require hook that resolves extension-less imports. */
function importSpecifier(extension: string, userFile: string): string {
  return extension === '.ts' ? `./${USER_CONFIG_BASENAME}` : `./${userFile}`;
}

const HEADER = '// Written by Forge in the preview sandbox only: your config, plus the preview host in allowedDevOrigins.\n';

function esmWrapper(specifier: string, origins: readonly string[], extension: string): string {
  return `${extension === '.ts' || extension === '.mts' ? '// @ts-nocheck\n' : ''}${HEADER}import userConfig from ${JSON.stringify(specifier)};

const forgeOrigins = ${JSON.stringify(origins)};

export default async function forgeNextConfig(...args) {
  const config = (typeof userConfig === 'function' ? await userConfig(...args) : await userConfig) ?? {};
  return { ...config, allowedDevOrigins: [...(config.allowedDevOrigins ?? []), ...forgeOrigins] };
}
`;
}

function cjsWrapper(userFile: string, origins: readonly string[]): string {
  return `${HEADER}const userConfig = require(${JSON.stringify(`./${userFile}`)});

const forgeOrigins = ${JSON.stringify(origins)};

module.exports = async function forgeNextConfig(...args) {
  const config = (typeof userConfig === 'function' ? await userConfig(...args) : await userConfig) ?? {};
  return { ...config, allowedDevOrigins: [...(config.allowedDevOrigins ?? []), ...forgeOrigins] };
};
`;
}

async function firstExisting(dir: string): Promise<string | undefined> {
  for (const file of CONFIG_FILES) {
    try {
      await access(path.join(dir, file));
      return file;
    } catch {
      // next candidate
    }
  }
  return undefined;
}
