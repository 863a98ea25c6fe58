import * as path from 'node:path';
import { ForgeError } from '../../common/errors';

export interface DetectOverrides {
  /** `forge.appPath`: the app folder relative to the repository root. */
  readonly appPath?: string;
  /** `forge.devCommand`: run instead of the detected dev command. */
  readonly devCommand?: string;
  /** `forge.port`: the port the dev server listens on. */
  readonly port?: number;
}

export interface CheckedOverrides {
  /** Normalised: `/`-separated, no leading `./`, no trailing `/`; undefined for the root. */
  readonly appPath?: string;
  readonly devCommand?: string;
  readonly port?: number;
}

/** Validates the per-repository overrides; a `bad-setting` ForgeError names the setting and what is wrong. */
export function checkOverrides(overrides: DetectOverrides): CheckedOverrides {
  const devCommand = overrides.devCommand?.trim() || undefined;
  const port = overrides.port;
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw new ForgeError('bad-setting', `forge.port is ${String(port)}; it must be a whole number from 1 to 65535.`, {
      hint: 'Change forge.port in the settings, or clear it to use the framework\'s default port.',
    });
  }
  const appPath = normaliseAppPath(overrides.appPath);
  return { ...(appPath ? { appPath } : {}), ...(devCommand ? { devCommand } : {}), ...(port !== undefined ? { port } : {}) };
}

function normaliseAppPath(raw: string | undefined): string | undefined {
  const trimmed = raw?.trim().replaceAll('\\', '/') ?? '';
  if (trimmed === '' || trimmed === '.' || trimmed === './') return undefined;
  const relative = path.posix.normalize(trimmed).replace(/^\.\//, '').replace(/\/+$/, '');
  if (path.posix.isAbsolute(relative) || /^[A-Za-z]:/.test(relative) || relative === '..' || relative.startsWith('../')) {
    throw new ForgeError('bad-setting', `forge.appPath "${raw ?? ''}" must be a folder inside the repository, relative to its root (e.g. apps/web).`, {
      hint: 'Change forge.appPath in the settings, or clear it to let Forge find the app.',
    });
  }
  return relative === '.' ? undefined : relative;
}
