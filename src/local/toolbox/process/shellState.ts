// Session shell state. Real Daytona keeps one long-lived shell per session, so `cd` and `export` persist
// between commands. Here each command runs in a fresh `sh` (its own process group, so it can be stopped on
// its own), and the wrapper reports the shell's final working directory and exported environment on fd 3;
// the next command in the session starts from that state. Differences: state is captured when a command
// ends (an async command's changes land when it exits), a command ending with `exit` keeps the previous
// state, shell functions and unexported variables do not carry over, and commands run concurrently
// instead of queueing behind a running one.

export interface ShellState {
  /** Working directory as the process saw it. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

/** Wraps a user command so its final cwd and environment are written to fd 3 (closed for the command itself). */
export function wrapForState(command: string): string {
  return `trap '__forge_rc=$?; { pwd; env -0; } >&3 2>/dev/null; exit $__forge_rc' EXIT\n{ ${command}\n} 3>&-\n`;
}

const SHELL_OWNED = new Set(['SHLVL', '_', '__forge_rc']);

export function parseState(raw: Buffer): ShellState | undefined {
  const newline = raw.indexOf(10);
  if (newline <= 0) return undefined;
  const cwd = raw.subarray(0, newline).toString('utf8');
  const env: Record<string, string> = {};
  for (const entry of raw.subarray(newline + 1).toString('utf8').split('\0')) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const key = entry.slice(0, eq);
    if (!SHELL_OWNED.has(key)) env[key] = entry.slice(eq + 1);
  }
  return Object.keys(env).length > 0 ? { cwd, env } : undefined;
}
