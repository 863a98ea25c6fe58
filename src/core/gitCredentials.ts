// The one credentials policy: every git operation that sends the GitHub token (clone, pull, pull-and-restart,
// resync) asks here. The token goes only to the configured GitHub host, and, because repository code may have
// run in the sandbox since the last clone (an npm postinstall, the dev server), a pull or re-clone first reads
// where the sandbox's git would really send it: the checkout's remote URL and every config entry, at every
// scope, that can reroute or intercept a request (`url.*.insteadOf`, `http.*` proxies and headers, credential
// helpers, includes). Anything unexpected refuses with a message; the token is never sent to hope.
import type { Sandbox } from '../daytona/port';
import { quote } from 'shell-quote';
import { GITHUB_TOKEN_USERNAME, tokenAllowedFor } from './auth';
import { commandOutput, homeRelative } from './sandboxExec';
import { ForgeError } from '../common/errors';

export interface GitCredentials {
  readonly username: string;
  readonly password: string;
}

export interface CredentialsPolicyInput {
  readonly githubHost: string;
  /** Asks for the token; `interactive` may prompt the user. */
  readonly githubToken: (interactive: boolean) => Promise<string | undefined>;
}

/** Config keys that can send a request somewhere else or hand the credentials to someone else. */
const REROUTING_KEYS = String.raw`^(url\..*\.(insteadof|pushinsteadof)|http\..*|https\..*|credential\..*|include\..*|includeif\..*|core\.(askpass|sshcommand|gitproxy)|remote\..*\.(proxy|pushurl|uploadpack|vcs))$`;

/** Credentials for a clone of `url` into a fresh directory, or undefined when the token must not go there. */
export async function cloneCredentials(policy: CredentialsPolicyInput, url: string, interactive: boolean): Promise<GitCredentials | undefined> {
  if (!tokenAllowedFor(url, policy.githubHost)) return undefined;
  const token = await policy.githubToken(interactive);
  return token ? { username: GITHUB_TOKEN_USERNAME, password: token } : undefined;
}

/**
 * Credentials for a pull in `repoPath` (or a re-clone in a sandbox that has run code), after checking the
 * sandbox's git config. `expectedUrl` is the clone URL Forge used, when known. Throws a ForgeError when the
 * config could redirect the token; undefined when the remote is not on the GitHub host (pull without a token).
 */
export async function pullCredentials(policy: CredentialsPolicyInput, sandbox: Sandbox, repoPath: string | undefined, expectedUrl: string | undefined, interactive: boolean): Promise<GitCredentials | undefined> {
  const where = repoPath === undefined ? '' : `-C ${quote([homeRelative(repoPath)])} `;
  const remote = repoPath === undefined ? expectedUrl : await commandOutput(sandbox, `git ${where}config --get remote.origin.url`);
  // A rewritten origin refuses whatever host it names: pulling from it would bring someone else's code.
  if (remote !== undefined && expectedUrl !== undefined && remote !== expectedUrl) throw refused(`the checkout's remote is now ${remote}, not ${expectedUrl}`);
  if (remote === undefined || !tokenAllowedFor(remote, policy.githubHost)) return undefined;
  const listed = await commandOutput(sandbox, `git ${where}config --show-scope --get-regexp ${quote([REROUTING_KEYS])}`);
  const rerouting = (listed ?? '').split('\n').filter((line) => line.trim() !== '' && reroutesTheHost(line, policy.githubHost));
  if (rerouting.length > 0) {
    throw refused(`its git config reroutes requests (${rerouting.slice(0, 3).map(redactValue).join('; ')})`);
  }
  return cloneCredentials(policy, remote, interactive);
}

/**
 * Whether a `scope key value` line can touch a request to the GitHub host. `http.<url>.*` and
 * `credential.<url>.*` for another host (an image's helper for another service) cannot; everything else can.
 */
function reroutesTheHost(line: string, githubHost: string): boolean {
  const key = (line.trim().split(/\s+/)[1] ?? '').toLowerCase();
  // Tuning that images set and that sends nothing anywhere else.
  if (/^http\.(postbuffer|lowspeedlimit|lowspeedtime|version|maxrequests|minsessions|keepalive)$/.test(key)) return false;
  const scoped = /^(http|credential)\.(.+)\.[^.]+$/i.exec(key);
  if (scoped?.[2] === undefined) return true;
  const base = scoped[2];
  if (!base.includes('://')) return true;
  const configured = githubHost.includes('://') ? githubHost : `https://${githubHost}`;
  try {
    return new URL(base).host.toLowerCase() === new URL(configured).host.toLowerCase();
  } catch {
    return true;
  }
}

/** `local url.http://evil/.insteadof` without the value (it could hold a credential). */
function redactValue(line: string): string {
  return line.split(/\s+/).slice(0, 2).join(' ');
}

function refused(why: string): ForgeError {
  return new ForgeError('auth-failed', `Forge did not send your GitHub token into this sandbox: ${why}. Code in the sandbox (for example an install script) may have changed it.`, {
    hint: 'Delete the sandbox (Sandboxes view, or "forge preview" with --on-exit delete) and preview again: a fresh sandbox clones with a clean configuration.',
  });
}
