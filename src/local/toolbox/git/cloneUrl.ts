// Validates a clone URL and moves any credentials embedded in it out of the URL, so the repository's
// .git/config only ever holds the plain URL.
import { badRequest } from '../daemonError';
import type { GitCredentials } from './gitRunner';

const ALLOWED = new Set(['http:', 'https:', 'ssh:', 'git:']);

export function cleanCloneUrl(raw: string): { url: string; embedded?: GitCredentials } {
  const trimmed = raw.trim();
  if (/^[\w.-]+@[\w.-]+:/.test(trimmed)) return { url: trimmed }; // scp-like ssh: git@github.com:owner/repo.git
  const withScheme = trimmed.includes('://') ? trimmed : `https://${trimmed}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    throw badRequest(`invalid repository URL: ${raw.replace(/\/\/[^@/]*@/, '//***@')}`);
  }
  if (!ALLOWED.has(parsed.protocol)) throw badRequest(`unsupported repository URL scheme ${parsed.protocol} (use https, http, ssh or git)`);
  const embedded = parsed.username || parsed.password ? { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) } : undefined;
  parsed.username = '';
  parsed.password = '';
  return { url: parsed.toString(), ...(embedded ? { embedded } : {}) };
}
