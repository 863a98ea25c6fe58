import * as vscode from 'vscode';
import { parseRef, type RemoteRef } from '../../core/refs/refName';
import type { PreviewRefChoices } from '../../core/refs/previewRefs';
import { ForgeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { readPreviewSettings } from '../config';
import type { LoadEngine } from '../engineLoader';
import type { GitHubAuth } from '../githubAuth';
import type { PreviewManager } from '../previews/previewManager';
import { requireTrustedWorkspace } from '../trust';
import { pickFolder } from './previewThisRepo';

interface RefItem extends vscode.QuickPickItem {
  readonly ref?: RemoteRef;
  readonly typeIn?: boolean;
}

/** "Forge: Preview Branch or Pull Request…": origin's branches and pull requests; the chosen one gets its own sandbox. */
export async function previewRefCommand(previews: PreviewManager, logger: Logger, loadEngine: LoadEngine, auth: GitHubAuth, uri?: vscode.Uri): Promise<void> {
  // Listing the refs runs git on the repository: refused in Restricted Mode, like the preview it leads to.
  requireTrustedWorkspace('list branches and pull requests');
  const folder = await pickFolder(uri);
  const ref = await pickRef(folder, logger, loadEngine, auth);
  if (!ref) throw new ForgeError('cancelled', 'Cancelled.');
  await previews.preview(folder, undefined, ref);
}

async function pickRef(folder: vscode.WorkspaceFolder, logger: Logger, loadEngine: LoadEngine, auth: GitHubAuth): Promise<RemoteRef | undefined> {
  const settings = await readPreviewSettings(folder.uri);
  // The token of the host the titles are asked from (an enterprise server gets its own, never github.com's).
  const token = await auth.token(false, settings.githubHost);
  const choices = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Forge: listing branches and pull requests' }, () =>
    loadEngine().listPreviewRefs(folder.uri.fsPath, { githubHost: settings.githubHost, token, logger }),
  );
  const picked = await vscode.window.showQuickPick(refItems(choices), {
    title: `Forge: preview a branch or pull request of ${choices.slug ?? folder.name}`,
    placeHolder: 'Runs in its own sandbox; your checkout and local edits stay as they are',
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  if (!picked) return undefined;
  if (!picked.typeIn) return picked.ref;
  const typed = await vscode.window.showInputBox({
    title: 'Forge: preview a ref of origin',
    prompt: 'A branch name, pull/N, or a commit id',
    validateInput: (value) => {
      try {
        parseRef(value);
        return undefined;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    },
  });
  return typed === undefined ? undefined : parseRef(typed);
}

export function refItems(choices: PreviewRefChoices): RefItem[] {
  const items: RefItem[] = [];
  if (choices.pulls.length > 0) items.push({ label: choices.titled ? 'Open pull requests' : 'Pull requests', kind: vscode.QuickPickItemKind.Separator });
  for (const pull of choices.pulls) {
    items.push({ label: `$(git-pull-request) #${pull.number}${pull.title ? ` ${pull.title}` : ''}`, description: `pull/${pull.number} · ${pull.sha.slice(0, 7)}`, ref: { kind: 'pull', number: pull.number } });
  }
  items.push({ label: 'Branches', kind: vscode.QuickPickItemKind.Separator });
  const branches = [...choices.branches].sort((a, b) => Number(b.name === choices.defaultBranch) - Number(a.name === choices.defaultBranch) || a.name.localeCompare(b.name));
  for (const branch of branches) {
    items.push({ label: `$(git-branch) ${branch.name}`, description: `${branch.name === choices.defaultBranch ? 'default · ' : ''}${branch.sha.slice(0, 7)}`, ref: { kind: 'branch', name: branch.name } });
  }
  items.push({ label: '$(edit) Enter a branch, pull/N or commit…', typeIn: true, alwaysShow: true });
  return items;
}
