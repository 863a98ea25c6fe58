import type { SimpleGit } from 'simple-git';
import type { LocalChange } from '../types';
import { readGit, splitNul } from './git';
import { inExcludedDir } from './walk';

export interface WorkingChanges {
  readonly changes: LocalChange[];
  /** Untracked directories git did not enter because they hold their own repository (`nested/`, without the slash). */
  readonly nestedRepos: string[];
}

/**
 * Changes of the working tree against HEAD: staged, unstaged and untracked files (each file, not folders), ignoring
 * what .gitignore ignores and untracked files under node_modules or build output. Submodules are left out.
 */
export async function readWorkingChanges(git: SimpleGit): Promise<WorkingChanges> {
  // --branch adds a `## …` header: never-empty output spares simple-git's 50 ms wait for silent commands.
  const output = await readGit(git, ['status', '--porcelain=v1', '-z', '--branch', '--untracked-files=all', '--ignore-submodules=all', '--find-renames']);
  return parseStatus(output);
}

/** Parses `git status --porcelain=v1 -z [--branch]`: `XY path\0`, and `XY to\0from\0` for renames and copies. */
export function parseStatus(output: string): WorkingChanges {
  const fields = splitNul(output);
  const changes: LocalChange[] = [];
  const nestedRepos: string[] = [];
  for (let i = 0; i < fields.length; i++) {
    const entry = fields[i] ?? '';
    if (entry.startsWith('## ')) continue;
    const x = entry[0] ?? ' ';
    const y = entry[1] ?? ' ';
    const path = entry.slice(3);
    if (x === 'R' || x === 'C') {
      const from = fields[++i] ?? '';
      if (y === 'D') {
        if (x === 'R') changes.push({ kind: 'deleted', path: from });
      } else if (x === 'R') changes.push({ kind: 'renamed', from, path });
      else changes.push({ kind: 'added', path });
      continue;
    }
    if (x === '!') continue;
    if (x === '?') {
      if (path.endsWith('/')) nestedRepos.push(path.slice(0, -1));
      // Dependencies and build output that .gitignore forgot are never uploaded.
      else if (!inExcludedDir(path)) changes.push({ kind: 'added', path });
      continue;
    }
    // Added to the index, then removed from disk: HEAD never had it, so there is nothing to change.
    if (x === 'A' && y === 'D') continue;
    if (x === 'D' || y === 'D') changes.push({ kind: 'deleted', path });
    else if (x === 'A') changes.push({ kind: 'added', path });
    else changes.push({ kind: 'modified', path });
  }
  return { changes, nestedRepos };
}

/**
 * File-level difference between `commit` and the working tree: commits made since (pushed or not), staged and
 * unstaged edits, and untracked files that are not ignored. This is what a sandbox that cloned `commit` lacks.
 */
export async function diffWorkingTreeAgainst(git: SimpleGit, commit: string, skip: ReadonlySet<string>): Promise<LocalChange[]> {
  const [diff, working] = await Promise.all([
    readGit(git, ['diff', '--name-status', '-z', '--find-renames', '--ignore-submodules=all', '--no-ext-diff', commit, '--']),
    readWorkingChanges(git),
  ]);
  const changes = parseNameStatus(diff);
  // Untracked files (and files staged as new) come from status, already filtered of nested repositories.
  const listed = new Set(changes.map((change) => change.path));
  for (const change of working.changes) if (change.kind === 'added' && !listed.has(change.path)) changes.push(change);
  return changes.filter((change) => !skip.has(change.path) && !(change.kind === 'renamed' && skip.has(change.from)));
}

/** Parses `git diff --name-status -z`: `S\0path\0`, and `R<score>\0from\0to\0` for renames and copies. */
export function parseNameStatus(output: string): LocalChange[] {
  const fields = splitNul(output);
  const changes: LocalChange[] = [];
  for (let i = 0; i < fields.length; i++) {
    const status = fields[i] ?? '';
    const first = fields[++i] ?? '';
    if (status.startsWith('R') || status.startsWith('C')) {
      const to = fields[++i] ?? '';
      changes.push(status.startsWith('R') ? { kind: 'renamed', from: first, path: to } : { kind: 'added', path: to });
    } else if (status === 'D') changes.push({ kind: 'deleted', path: first });
    else if (status === 'A') changes.push({ kind: 'added', path: first });
    else changes.push({ kind: 'modified', path: first });
  }
  return changes;
}
