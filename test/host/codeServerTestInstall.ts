// The install the integration tier runs: a hard-link copy of the pristine code-server with two test-only
// patches:
//  - the built-in `github-authentication` extension is moved out, so suites can register their own `github`
//    provider (code-server has no flag to disable a built-in extension);
//  - Forge's id is added to `trustedExtensionAuthAccess` in the workbench's baked-in product configuration,
//    because in test mode the workbench refuses to show the consent dialog.
// The pristine install (what `npm start` serves) stays untouched: patched files are replaced, never edited in place.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runChecked } from './proc';
import { codeServerDir, describeInstall, ensurePristineCodeServer, isComplete, writeMarker, type CodeServerInstall } from './codeServerInstall';
import { withInstallLock } from './installLock';

export const FORGE_EXTENSION_ID = 'forge-dev.forge';
const TRUSTED_KEY = 'trustedExtensionAuthAccess:[';

export async function ensureTestCodeServer(): Promise<CodeServerInstall> {
  const pristine = await ensurePristineCodeServer();
  const root = `${pristine.root}-test`;
  if (isComplete(root)) return describeInstall(root);
  return withInstallLock(root, async () => {
    if (isComplete(root)) return describeInstall(root);
    const partial = `${root}.partial`;
    fs.rmSync(partial, { recursive: true, force: true });
    fs.rmSync(root, { recursive: true, force: true });
    await runChecked('cp', ['-al', pristine.root, partial]);
    fs.rmSync(path.join(partial, '.forge-install-complete'), { force: true });
    const vscodeDir = path.join(codeServerDir(partial), 'lib', 'vscode');
    moveOutGitHubAuthentication(partial, vscodeDir);
    trustForgeForAuthentication(vscodeDir);
    fs.renameSync(partial, root);
    writeMarker(root);
    return describeInstall(root);
  });
}

function moveOutGitHubAuthentication(root: string, vscodeDir: string): void {
  const builtin = path.join(vscodeDir, 'extensions', 'github-authentication');
  const parked = path.join(root, 'disabled-builtin-extensions', 'github-authentication');
  fs.mkdirSync(path.dirname(parked), { recursive: true });
  fs.renameSync(builtin, parked); // renaming a hard-linked tree leaves the pristine copy in place
}

function trustForgeForAuthentication(vscodeDir: string): void {
  const file = path.join(vscodeDir, 'out', 'vs', 'code', 'browser', 'workbench', 'workbench.js');
  const source = fs.readFileSync(file, 'utf8');
  const occurrences = source.split(TRUSTED_KEY).length - 1;
  if (occurrences !== 1) {
    throw new Error(`Expected one "${TRUSTED_KEY}" in ${file}, found ${occurrences}: the test patch needs updating for this code-server.`);
  }
  const patched = source.replace(TRUSTED_KEY, `${TRUSTED_KEY}${JSON.stringify(FORGE_EXTENSION_ID)},`);
  // A new file renamed over the old name, not a write into the shared inode: the pristine copy stays as it was.
  const temp = `${file}.forge-tmp`;
  fs.writeFileSync(temp, patched);
  fs.renameSync(temp, file);
}
