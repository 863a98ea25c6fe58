// Runs git for test helpers: isolated from the machine's global and system config, never prompting.
import { execFile } from 'node:child_process';

export const TEST_GIT_ENV: Readonly<Record<string, string>> = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_TERMINAL_PROMPT: '0',
  GIT_ASKPASS: '',
  SSH_ASKPASS: '',
  GIT_AUTHOR_NAME: 'Forge Test',
  GIT_AUTHOR_EMAIL: 'forge-test@example.invalid',
  GIT_COMMITTER_NAME: 'Forge Test',
  GIT_COMMITTER_EMAIL: 'forge-test@example.invalid',
  // Submodules from local paths need the file protocol (blocked by default since git 2.38.1).
  GIT_ALLOW_PROTOCOL: 'file:http:https',
};

export interface GitRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number;
}

/** Runs `git args` in `cwd`; resolves with the exit code instead of throwing (see `git` for the throwing form). */
export function tryGit(cwd: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<GitRun> {
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, env: { ...process.env, ...TEST_GIT_ENV, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ stdout, stderr, code });
    });
  });
}

/** Runs `git args` in `cwd` and returns trimmed stdout; throws with git's stderr on failure. */
export async function git(cwd: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<string> {
  const run = await tryGit(cwd, args, env);
  if (run.code !== 0) throw new Error(`git ${args.join(' ')} failed (${run.code}) in ${cwd}: ${run.stderr.trim()}`);
  return run.stdout.trim();
}
