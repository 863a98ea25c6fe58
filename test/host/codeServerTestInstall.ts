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
import { repoRoot } from './paths';

/** `publisher.name` from package.json: the id the workbench must trust for GitHub sessions. */
export function forgeExtensionId(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${manifest.publisher}.${manifest.name}`.toLowerCase();
}
const TRUSTED_KEY = 'trustedExtensionAuthAccess:[';

export async function ensureTestCodeServer(): Promise<CodeServerInstall> {
  const pristine = await ensurePristineCodeServer();
  const root = `${pristine.root}-test`;
  if (isCurrent(root)) return describeInstall(root);
  return withInstallLock(root, async () => {
    if (isCurrent(root)) return describeInstall(root);
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

/** Complete, and patched for the extension id package.json has now. */
function isCurrent(root: string): boolean {
  if (!isComplete(root)) return false;
  const workbench = fs.readFileSync(workbenchJs(path.join(codeServerDir(root), 'lib', 'vscode')), 'utf8');
  return workbench.includes(`${TRUSTED_KEY}${JSON.stringify(forgeExtensionId())},`);
}

function workbenchJs(vscodeDir: string): string {
  return path.join(vscodeDir, 'out', 'vs', 'code', 'browser', 'workbench', 'workbench.js');
}

function moveOutGitHubAuthentication(root: string, vscodeDir: string): void {
  const builtin = path.join(vscodeDir, 'extensions', 'github-authentication');
  const parked = path.join(root, 'disabled-builtin-extensions', 'github-authentication');
  fs.mkdirSync(path.dirname(parked), { recursive: true });
  fs.renameSync(builtin, parked); // renaming a hard-linked tree leaves the pristine copy in place
}

function trustForgeForAuthentication(vscodeDir: string): void {
  const file = workbenchJs(vscodeDir);
  const source = fs.readFileSync(file, 'utf8');
  const occurrences = source.split(TRUSTED_KEY).length - 1;
  if (occurrences !== 1) {
    throw new Error(`Expected one "${TRUSTED_KEY}" in ${file}, found ${occurrences}: the test patch needs updating for this code-server.`);
  }
  const patched = source.replace(TRUSTED_KEY, `${TRUSTED_KEY}${JSON.stringify(forgeExtensionId())},`);
  // A new file renamed over the old name, not a write into the shared inode: the pristine copy stays as it was.
  const temp = `${file}.forge-tmp`;
  fs.writeFileSync(temp, patched);
  fs.renameSync(temp, file);
}
