// Runs the real `git` for a sandbox, as a sandbox process (inside bubblewrap when isolated, so hooks and
// filters from a repository never run on the host). Credentials never touch argv, URLs, disk or logs: git
// asks a GIT_ASKPASS helper, which prints them from environment variables of that one git process.
// Prompts are disabled and stdin is closed, so git fails instead of waiting for input.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocalSandbox } from '../../contracts';
import type { Runner } from '../../runner';
import type { DaemonError } from '../daemonError';
import { gitError } from './gitErrors';

const ASKPASS_SCRIPT = `#!/bin/sh
case "$1" in
  [Uu]sername*) printf '%s\\n' "$FORGE_GIT_USERNAME" ;;
  *) printf '%s\\n' "$FORGE_GIT_PASSWORD" ;;
esac
`;
const INSIDE_ASKPASS = '/run/forge/git-askpass';
/** Long enough for a big clone, short enough that nothing waits forever. */
const GIT_TIMEOUT_MS = 30 * 60 * 1000;

export interface GitCredentials {
  readonly username: string;
  readonly password: string;
}

export interface GitResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export class GitRunner {
  private askpassDir: string | undefined;

  constructor(private readonly runner: Runner) {}

  /** Runs git in `cwd` (a sandbox path); rejects with a daemon git error when it fails. */
  async run(sandbox: LocalSandbox, cwd: string, args: readonly string[], operation: string, credentials?: GitCredentials): Promise<GitResult> {
    const result = await this.exec(sandbox, cwd, args, credentials);
    if (result.code !== 0) throw this.error(operation, result, credentials);
    return result;
  }

  /** Runs git and returns whatever happened (for probes such as "is there an upstream"). */
  async exec(sandbox: LocalSandbox, cwd: string, args: readonly string[], credentials?: GitCredentials): Promise<GitResult> {
    const env: Record<string, string> = { GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', LANGUAGE: 'C', GIT_SSH_COMMAND: 'ssh -o BatchMode=yes' };
    const binds = [];
    const prefix: string[] = [];
    if (credentials) {
      const askpass = this.askpassFile();
      binds.push({ host: askpass, inside: INSIDE_ASKPASS, readOnly: true });
      Object.assign(env, {
        GIT_ASKPASS: this.runner.isolated ? INSIDE_ASKPASS : askpass,
        FORGE_GIT_USERNAME: credentials.username,
        FORGE_GIT_PASSWORD: credentials.password,
        // Repository code may have planted url.*.insteadOf or a proxy in ~/.gitconfig: with credentials, git
        // reads no global or system config (the checkout's own config is checked by Forge's core first).
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
      });
      // With credentials in the environment: no stored helpers, no hooks, filters or proxies that could read them.
      prefix.push('-c', 'credential.helper=', '-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=false', '-c', 'http.proxy=', '-c', 'core.askPass=', '-c', 'protocol.ext.allow=never', '-c', 'protocol.file.allow=never');
    }
    const proc = this.runner.spawn(sandbox, { argv: ['git', ...prefix, ...args], cwd, env, binds, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    proc.child.stdout?.on('data', (c: Buffer) => out.push(c));
    proc.child.stderr?.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => void proc.kill(), GIT_TIMEOUT_MS);
    const closed = new Promise<void>((resolve) => proc.child.once('close', () => resolve()));
    try {
      const code = await proc.exited;
      await Promise.race([closed, new Promise((r) => setTimeout(r, 250))]);
      return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
    } finally {
      clearTimeout(timer);
    }
  }

  error(operation: string, result: GitResult, credentials?: GitCredentials): DaemonError {
    return gitError(operation, `${result.stderr}\n${result.stdout}`, credentials ? [credentials.password] : []);
  }

  /** The helper holds no secret itself, so one file serves every call. */
  private askpassFile(): string {
    if (!this.askpassDir) {
      this.askpassDir = mkdtempSync(path.join(os.tmpdir(), 'forge-git-'));
      writeFileSync(path.join(this.askpassDir, 'askpass'), ASKPASS_SCRIPT, { mode: 0o755 });
    }
    return path.join(this.askpassDir, 'askpass');
  }

  dispose(): void {
    if (this.askpassDir) rmSync(this.askpassDir, { recursive: true, force: true });
    this.askpassDir = undefined;
  }
}
