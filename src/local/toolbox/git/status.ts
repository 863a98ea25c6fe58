// `git status --porcelain=v2 --branch -z` → the daemon's GitStatus JSON.

export type FileState = 'Unmodified' | 'Untracked' | 'Modified' | 'Added' | 'Deleted' | 'Renamed' | 'Copied' | 'Updated but unmerged';

export interface FileStatus {
  readonly name: string;
  readonly staging: FileState;
  readonly worktree: FileState;
  readonly extra: string;
}

export interface GitStatus {
  currentBranch: string;
  fileStatus: FileStatus[];
  ahead: number;
  behind: number;
  branchPublished: boolean;
  upstream?: string;
  detached?: boolean;
}

const LETTER: Record<string, FileState> = {
  '.': 'Unmodified',
  ' ': 'Unmodified',
  M: 'Modified',
  T: 'Modified',
  A: 'Added',
  D: 'Deleted',
  R: 'Renamed',
  C: 'Copied',
  U: 'Updated but unmerged',
  '?': 'Untracked',
};

const state = (letter: string | undefined): FileState => LETTER[letter ?? '.'] ?? 'Modified';

export function parsePorcelainV2(output: string): GitStatus {
  const status: GitStatus = { currentBranch: '', fileStatus: [], ahead: 0, behind: 0, branchPublished: false };
  const records = output.split('\0');
  for (let i = 0; i < records.length; i++) {
    const rec = records[i] as string;
    if (rec === '') continue;
    if (rec.startsWith('# branch.head ')) {
      const head = rec.slice('# branch.head '.length);
      if (head === '(detached)') {
        status.detached = true;
        status.currentBranch = 'HEAD';
      } else status.currentBranch = head;
    } else if (rec.startsWith('# branch.upstream ')) {
      status.upstream = rec.slice('# branch.upstream '.length);
      status.branchPublished = true;
    } else if (rec.startsWith('# branch.ab ')) {
      const m = /\+(\d+) -(\d+)/.exec(rec);
      if (m) {
        status.ahead = Number(m[1]);
        status.behind = Number(m[2]);
      }
    } else if (rec.startsWith('1 ')) {
      const f = rec.split(' ');
      const xy = f[1] ?? '..';
      status.fileStatus.push({ name: f.slice(8).join(' '), staging: state(xy[0]), worktree: state(xy[1]), extra: '' });
    } else if (rec.startsWith('2 ')) {
      const f = rec.split(' ');
      const xy = f[1] ?? '..';
      // With -z the original path follows as the next record.
      const from = records[++i] ?? '';
      status.fileStatus.push({ name: f.slice(9).join(' '), staging: state(xy[0]), worktree: state(xy[1]), extra: from });
    } else if (rec.startsWith('u ')) {
      status.fileStatus.push({ name: rec.split(' ').slice(10).join(' '), staging: 'Updated but unmerged', worktree: 'Updated but unmerged', extra: '' });
    } else if (rec.startsWith('? ')) {
      status.fileStatus.push({ name: rec.slice(2), staging: 'Untracked', worktree: 'Untracked', extra: '' });
    }
  }
  return status;
}
