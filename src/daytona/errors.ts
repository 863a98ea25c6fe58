import {
  DaytonaAuthenticationError,
  DaytonaAuthorizationError,
  DaytonaBadGatewayError,
  DaytonaConnectionError,
  DaytonaError,
  DaytonaGitAuthFailedError,
  DaytonaGitBranchNotFoundError,
  DaytonaInternalServerError,
  DaytonaNotFoundError,
  DaytonaRateLimitError,
  DaytonaServiceUnavailableError,
  DaytonaTimeoutError,
} from '@daytonaio/sdk';
import { ForgeError } from '../common/errors';

/** True for failures worth another try: rate limits, 5xx, dropped connections. */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof DaytonaRateLimitError ||
    error instanceof DaytonaInternalServerError ||
    error instanceof DaytonaBadGatewayError ||
    error instanceof DaytonaServiceUnavailableError ||
    (error instanceof DaytonaConnectionError && !isRefused(error))
  );
}

function isRefused(error: DaytonaError): boolean {
  return /ECONNREFUSED|ENOTFOUND/.test(error.message);
}

/** The server's Retry-After in milliseconds, when it sent one. */
export function retryAfterMs(error: unknown): number | undefined {
  if (!(error instanceof DaytonaError) || !error.headers) return undefined;
  const value: unknown = error.headers.get('retry-after');
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(String(value));
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Turns an SDK error into a message a user can act on. `doing` names the step, e.g. "creating the sandbox".
 * ForgeErrors pass through untouched.
 */
export function toForgeError(error: unknown, doing: string, backendName: string): ForgeError {
  if (error instanceof ForgeError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  if (error instanceof DaytonaGitAuthFailedError || isLegacyGitAuth(error)) {
    return new ForgeError('auth-failed', `The sandbox could not fetch the repository while ${doing}: access was denied.`, {
      hint: 'Sign in to GitHub with access to this repository (the token needs the "repo" scope), then try again.',
      cause: error,
    });
  }
  if (error instanceof DaytonaAuthenticationError) {
    return new ForgeError('api-key', `${backendName} rejected the API key while ${doing}.`, {
      hint: 'Run "Forge: Set Daytona API Key" with a valid key, or use the local backend.',
      cause: error,
    });
  }
  if (isQuota(error)) {
    return new ForgeError('quota', `${backendName} refused ${doing}: ${firstLine(detail)}`, {
      hint: 'You have reached your plan\'s CPU, memory or disk limit: stop or delete sandboxes you no longer need (archiving frees disk), or raise the limit.',
      cause: error,
    });
  }
  if (error instanceof DaytonaAuthorizationError) {
    // Daytona's real 403s: a suspended organisation, a key without the permission, a region the organisation may not use.
    return new ForgeError('api-key', `${backendName} refused ${doing}: ${detail}`, {
      hint: 'Check the organisation and the API key\'s permissions in the Daytona dashboard, or set another key with "Forge: Set Daytona API Key".',
      cause: error,
    });
  }
  if (error instanceof DaytonaRateLimitError) {
    return new ForgeError('rate-limited', `${backendName} is rate-limiting requests (while ${doing}).`, {
      hint: 'Wait a minute and try again.',
      cause: error,
    });
  }
  if (error instanceof DaytonaNotFoundError) {
    return new ForgeError('sandbox-gone', `The sandbox no longer exists (while ${doing}).`, {
      hint: 'It was deleted outside Forge. Run "Forge: Preview this repo" to create a new one.',
      cause: error,
    });
  }
  if (error instanceof DaytonaTimeoutError) {
    return new ForgeError('timeout', `${backendName} did not answer in time while ${doing}.`, {
      hint: 'Check your connection and try again.',
      cause: error,
    });
  }
  if (error instanceof DaytonaConnectionError) {
    return new ForgeError('backend-unavailable', `Could not reach ${backendName.replace(/^The /, 'the ')} while ${doing}.`, {
      hint: 'Check your network connection and the Daytona API URL (setting forge.daytona.apiUrl), then try again.',
      cause: error,
    });
  }
  if (error instanceof DaytonaError && error.statusCode !== undefined && error.statusCode >= 500) {
    return new ForgeError('backend-unavailable', `${backendName} had a server error while ${doing} (HTTP ${error.statusCode}).`, {
      hint: 'Try again in a moment.',
      cause: error,
    });
  }
  return new ForgeError('internal', `Failed while ${doing}: ${detail}`, { cause: error });
}

/** A daemon up to v0.190 sends a git 401/403 untyped (no `source`), with go-git's words: not an API key problem. */
function isLegacyGitAuth(error: unknown): boolean {
  return error instanceof DaytonaError && error.source === undefined && (error.statusCode === 401 || error.statusCode === 403) && /authentication required|authorization failed/.test(error.message);
}

/** Daytona answers a create over the quota with 400 "Total CPU/memory/disk/GPU limit exceeded" (sandbox.service.ts). */
function isQuota(error: unknown): boolean {
  return error instanceof DaytonaError && (error.statusCode === 400 || error.statusCode === 403) && /\blimit exceeded\b|\bquota\b/i.test(error.message);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

// What the core may ask of an error from the port, without naming the SDK's classes.

/** The backend's git could not authenticate (a private repository and no, or an insufficient, token). */
export function isGitAuthFailed(error: unknown): boolean {
  return error instanceof DaytonaGitAuthFailedError;
}

/** The branch asked for does not exist on the remote. */
export function isGitBranchNotFound(error: unknown): boolean {
  return error instanceof DaytonaGitBranchNotFoundError;
}

/** The sandbox, file or session asked for does not exist. */
export function isNotFound(error: unknown): boolean {
  return error instanceof DaytonaNotFoundError;
}
