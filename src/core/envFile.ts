// The env file of forge.sandbox.envFile: read and checked here (no `vscode`), so the CLI and tests share the rules.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { ForgeError } from '../common/errors';

/** Reads `relative` (to the workspace folder `root`) as a dotenv file; a clear `bad-setting` error when it cannot. */
export async function readEnvFile(root: string, relative: string): Promise<Record<string, string>> {
  const file = path.resolve(root, relative);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ForgeError('bad-setting', `The env file ${relative} (forge.sandbox.envFile) could not be read.`, { hint: 'Check the path, relative to the workspace folder, or clear the setting.' });
  }
  return parseEnvFile(text, relative);
}

/** Parses dotenv text, refusing lines dotenv would silently skip (so a typo does not drop a variable unnoticed). */
export function parseEnvFile(text: string, relative: string): Record<string, string> {
  const badLine = text.split(/\r?\n/).findIndex((line) => line.trim() !== '' && !line.trim().startsWith('#') && !/^\s*(export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*=/.test(line));
  if (badLine !== -1) {
    throw new ForgeError('bad-setting', `The env file ${relative} has a line Forge cannot read (line ${badLine + 1}).`, { hint: 'Each line must be NAME=value (comments start with #). Fix the line, then try again.' });
  }
  return parseDotenv(text);
}
