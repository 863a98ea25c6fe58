import { ForgeError } from '../../common/errors';

/** What "preview another ref" names: a branch of the remote, a pull request, or a commit. */
export type RemoteRef =
  | { readonly kind: 'branch'; readonly name: string }
  | { readonly kind: 'pull'; readonly number: number }
  | { readonly kind: 'commit'; readonly sha: string };

const PULL = /^(?:pull\/|pr\/|#)(\d{1,9})$/i;
const SHA = /^[0-9a-f]{7,40}$/i;

/**
 * Reads `--ref`: `pull/N` (also `pr/N`, `#N`), a hex commit id of 7 to 40 digits, or a branch name. A name that looks
 * like a short commit id is a commit unless prefixed `refs/heads/`. Names git would refuse are refused here first.
 */
export function parseRef(input: string): RemoteRef {
  const text = input.trim();
  const pull = PULL.exec(text);
  if (pull?.[1]) {
    const number = Number(pull[1]);
    if (number > 0) return { kind: 'pull', number };
  }
  if (SHA.test(text)) return { kind: 'commit', sha: text.toLowerCase() };
  const name = text.replace(/^refs\/heads\//, '');
  const problem = branchProblem(name);
  if (problem) {
    throw new ForgeError('bad-setting', `"${input}" is not a branch, pull request or commit: ${problem}.`, {
      hint: 'Use a branch name (feature-x), pull/N for a pull request, or a commit id.',
    });
  }
  return { kind: 'branch', name };
}

/** The ref as users write it and as labels and logs show it: `feature-x`, `pull/7`, `abc1234`. */
export function refLabel(ref: RemoteRef): string {
  switch (ref.kind) {
    case 'branch':
      return ref.name;
    case 'pull':
      return `pull/${ref.number}`;
    case 'commit':
      return ref.sha.slice(0, 12);
  }
}

/** The refspec source on the remote (`refs/heads/x`, `refs/pull/7/head`), or the commit id itself. */
export function remoteRefName(ref: RemoteRef): string {
  switch (ref.kind) {
    case 'branch':
      return `refs/heads/${ref.name}`;
    case 'pull':
      return `refs/pull/${ref.number}/head`;
    case 'commit':
      return ref.sha;
  }
}

// The rules of `git check-ref-format --branch`, minus the ones that cannot apply to a name typed by a user.
function branchProblem(name: string): string | undefined {
  if (name === '') return 'the name is empty';
  if (name.startsWith('-')) return 'a branch name cannot start with "-"';
  if (/[\s~^:?*[\\]/.test(name) || [...name].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return 'it contains a space or one of ~ ^ : ? * [ \\';
  if (name.includes('..') || name.includes('@{') || name.includes('//')) return 'it contains "..", "@{" or "//"';
  if (name.startsWith('/') || name.endsWith('/') || name.endsWith('.') || name.endsWith('.lock') || name === '@') return 'it is not a valid ref name';
  if (name.split('/').some((part) => part.startsWith('.'))) return 'a path segment starts with "."';
  return undefined;
}
