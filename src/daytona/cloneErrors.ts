// What a failed `git.clone` means, from the SDK's typed git errors (newer daemons) or, when the daemon sent no
// typed code (daemons up to v0.190: no `source`, generic codes), from the status and message go-git gives:
// 401/403 authentication, 404 "repository not found" (GitHub's answer to a token that cannot read the
// repository), 500 "couldn't find remote ref" (go-git's NoMatchingRefSpecError for a missing branch).
import { DaytonaError, DaytonaGitAuthFailedError, DaytonaGitBranchNotFoundError, DaytonaGitRepoNotFoundError } from '@daytonaio/sdk';

export type CloneFailure = 'auth' | 'no-access' | 'branch-missing' | 'exists';

/** 409 "already exists": the destination is there (go-git's ErrRepositoryAlreadyExists, git's non-empty directory), e.g. from a clone whose answer was lost. */
function alreadyExists(error: unknown): boolean {
  return error instanceof DaytonaError && error.statusCode === 409 && /already exists/i.test(error.message);
}

export function cloneFailure(error: unknown): CloneFailure | undefined {
  if (error instanceof DaytonaGitAuthFailedError) return 'auth';
  if (error instanceof DaytonaGitBranchNotFoundError) return 'branch-missing';
  if (error instanceof DaytonaGitRepoNotFoundError) return 'no-access';
  if (alreadyExists(error)) return 'exists';
  // A typed answer (with `source`) that is none of the above means something else: leave it alone.
  if (!(error instanceof DaytonaError) || error.source !== undefined) return undefined;
  const message = error.message.toLowerCase();
  switch (error.statusCode) {
    case 401:
    case 403:
      return /authentication|authorization|unauthorized|forbidden/.test(message) ? 'auth' : undefined;
    case 404:
      return message.includes('repository not found') ? 'no-access' : undefined;
    case 500:
      return /couldn't find remote ref|reference not found/.test(message) ? 'branch-missing' : undefined;
    default:
      return undefined;
  }
}
