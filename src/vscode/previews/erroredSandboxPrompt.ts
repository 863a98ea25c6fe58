import * as vscode from 'vscode';
import type { ErroredChoice, ErroredSandbox } from '../../core/pipeline/sandboxReuse';

/** Asks what to do with the errored sandbox a preview would reuse: recover it (when Daytona can) or delete it. */
export async function askAboutErroredSandbox(sandbox: ErroredSandbox): Promise<ErroredChoice | undefined> {
  const recover = 'Recover';
  const remove = 'Delete and Create New';
  const reason = sandbox.errorReason ? `: ${sandbox.errorReason}` : '';
  const choices = sandbox.recoverable ? [recover, remove] : [remove];
  const picked = await vscode.window.showWarningMessage(
    `Forge: this repository's sandbox ${sandbox.id} is in an error state${reason}.`,
    { modal: true, detail: sandbox.recoverable ? 'Recover keeps its files and installed packages.' : 'Daytona says it cannot be recovered.' },
    ...choices,
  );
  return picked === recover ? 'recover' : picked === remove ? 'delete' : undefined;
}
