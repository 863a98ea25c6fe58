import { spawn } from 'node:child_process';
import { hostGitArgs, splitNul } from '../repo/git';

/**
 * Which of `paths` git ignores, in one `git check-ignore --stdin` call (simple-git cannot feed stdin; `-z` needs it).
 * Tracked files are never reported. Rejects when git fails, e.g. outside a repository (the error's message holds
 * git's words).
 */
export function gitCheckIgnore(root: string, paths: readonly string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    // Ambient GIT_* variables (a hook's GIT_DIR) must not redirect git elsewhere, as simple-git also ensures.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('GIT_')));
    const child = spawn('git', [...hostGitArgs(), '-c', 'core.quotePath=false', 'check-ignore', '--stdin', '-z', '-v', '-n'], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      // 0: some ignored, 1: none ignored (with -n both print every path); anything else is a failure.
      if (code === 0 || code === 1) resolve(parseVerbose(Buffer.concat(out).toString('utf8')));
      else reject(new Error(Buffer.concat(err).toString('utf8').trim() || `git check-ignore exited with ${String(code)}`));
    });
    child.stdin.on('error', () => undefined); // git may exit before reading everything; `close` reports why
    child.stdin.end(paths.map((p) => `${p}\0`).join(''));
  });
}

/** `source\0line\0pattern\0path\0` per path: an empty source means no rule matched, a `!pattern` re-includes. */
function parseVerbose(output: string): string[] {
  const fields = splitNul(output);
  const ignored: string[] = [];
  for (let i = 0; i + 3 < fields.length; i += 4) {
    const source = fields[i] ?? '';
    const pattern = fields[i + 2] ?? '';
    if (source !== '' && !pattern.startsWith('!')) ignored.push(fields[i + 3] ?? '');
  }
  return ignored;
}
