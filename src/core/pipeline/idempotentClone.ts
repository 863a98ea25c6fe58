// A clone that can be sent again. A clone outlives the request ceiling (Daytona v0.190 clones in full), so a retry
// may find the first attempt's work: a complete checkout, or a partial folder (409 "already exists").
import { quote } from 'shell-quote';
import type { Sandbox } from '../../daytona/port';
import { cloneFailure } from '../../daytona/cloneErrors';
import type { Logger } from '../../common/logger';
import { commandOutput, homeRelative } from '../sandboxExec';
import type { GitCredentials } from '../gitCredentials';

/**
 * `sandbox.git.clone`, idempotent: on 409 "already exists" a complete checkout at `commit` counts as done; anything
 * else at `repoPath` is removed and the clone sent once more.
 */
export async function idempotentClone(
  sandbox: Sandbox,
  logger: Logger,
  clone: { readonly url: string; readonly repoPath: string; readonly branch?: string | undefined; readonly commit?: string | undefined },
  credentials: GitCredentials | undefined,
): Promise<void> {
  const send = (): Promise<void> => sandbox.git.clone(clone.url, clone.repoPath, clone.branch, clone.commit, credentials?.username, credentials?.password);
  try {
    await send();
    return;
  } catch (error) {
    if (cloneFailure(error) !== 'exists') throw error;
  }
  if (clone.commit !== undefined && (await checkoutHead(sandbox, clone.repoPath)) === clone.commit) {
    logger.info(`The clone of ${clone.repoPath} was already complete (an earlier attempt finished after its answer was lost)`);
    return;
  }
  logger.info(`Removing the partial clone at ${clone.repoPath} and cloning again`);
  await sandbox.fs.deleteFile(clone.repoPath, true);
  await send();
}

/** The commit a complete checkout has checked out; undefined for a partial or no repository. */
async function checkoutHead(sandbox: Sandbox, repoPath: string): Promise<string | undefined> {
  const q = quote([homeRelative(repoPath)]);
  // `git status` fails on a half-written index or object store, which `rev-parse` alone may not notice.
  return commandOutput(sandbox, `git -C ${q} status --porcelain >/dev/null && git -C ${q} rev-parse --verify HEAD`);
}
