import type { Sandbox } from '../daytona/port';
import { quote } from 'shell-quote';
import { isTransient, retryAfterMs } from '../daytona/errors';
import { cancelledError } from '../common/cancel';
import { followCommandLogs } from './logs/follow';
import type { LogStream } from './logs/lineBatcher';
import { LogTail } from './logs/tail';
import { DIAGNOSE_LINES } from './pipeline/diagnose';
import { withRetry } from './retry';
import type { Logger } from '../common/logger';
import { homeOf } from './sandboxHome';

export interface SessionRunOptions {
  readonly logger: Logger;
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  readonly onLog?: (text: string, stream: LogStream) => void;
}

export interface SessionRunResult {
  readonly exitCode: number;
  readonly tail: readonly string[];
  readonly timedOut: boolean;
}

/**
 * Runs a command to completion in its own session, streaming its output, and returns its exit code.
 * Cancelling or timing out deletes the session, which ends the command and its children.
 */
export async function runInSession(sandbox: Sandbox, sessionId: string, command: string, options: SessionRunOptions): Promise<SessionRunResult> {
  await resetSession(sandbox, sessionId);
  const { cmdId } = await sandbox.process.executeSessionCommand(sessionId, { command, runAsync: true });
  const tail = new LogTail(DIAGNOSE_LINES);
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), options.timeoutMs);
  const onAbort = (): void => stop.abort();
  options.signal.addEventListener('abort', onAbort, { once: true });
  try {
    await followCommandLogs(
      sandbox,
      sessionId,
      cmdId,
      (text, stream) => {
        tail.push(text);
        options.onLog?.(text, stream);
      },
      { logger: options.logger, signal: stop.signal },
    );
    if (stop.signal.aborted) {
      await sandbox.process.deleteSession(sessionId).catch(() => undefined);
      if (options.signal.aborted) throw cancelledError();
      return { exitCode: -1, tail: tail.last(), timedOut: true };
    }
    const exitCode = await waitForExitCode(sandbox, sessionId, cmdId, options.signal);
    return { exitCode, tail: tail.last(), timedOut: false };
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onAbort);
  }
}

/** Deletes the session if it exists (ending whatever runs in it) and creates it afresh. */
export async function resetSession(sandbox: Sandbox, sessionId: string): Promise<void> {
  await sandbox.process.deleteSession(sessionId).catch(() => undefined);
  await sandbox.process.createSession(sessionId);
}

async function waitForExitCode(sandbox: Sandbox, sessionId: string, cmdId: string, signal: AbortSignal): Promise<number> {
  // The log stream closes when the command ends; its exit code is written a moment later at most.
  for (let i = 0; i < 50; i++) {
    // A rate limit or a dropped connection here must not cost a finished install: ask again.
    const command = await withRetry(() => sandbox.process.getSessionCommand(sessionId, cmdId), { signal, isTransient, serverDelayMs: retryAfterMs });
    if (command.exitCode !== undefined && command.exitCode !== null) return command.exitCode;
    await new Promise((r) => setTimeout(r, 100));
  }
  return -1;
}

/**
 * A sandbox path as seen from the home directory, where commands start. Commands use it instead of the absolute
 * `<home>/…`, which does not exist on the host when the local backend runs unisolated.
 */
export function homeRelative(sandboxPath: string): string {
  const home = homeOf(sandboxPath);
  if (home === undefined) return sandboxPath;
  return sandboxPath.slice(home.length).replace(/^\//, '') || '.';
}

/** `cd dir && export K=V … && command`, every piece shell-quoted. For values that are not secret only: they end up on a command line. */
export function shellCommand(cwd: string, env: Readonly<Record<string, string>>, command: string): string {
  const assignments = envAssignments(env);
  const prefix = assignments.length > 0 ? `export ${assignments.join(' ')} && ` : '';
  return `cd ${quote([homeRelative(cwd)])} && ${prefix}${command}`;
}

/** A folder only the sandbox user may read, for files that hand secrets to one command. */
const ENV_DIR = '.forge/env';

/**
 * `. file && rm file && cd dir && command`: the environment (the user's env file and settings may hold secrets)
 * travels in a file in a 0700 folder that the command's shell reads and deletes, so it reaches the process
 * environment without ever being on a command line (`ps` shows argv to every local user).
 */
export async function shellCommandWithEnvFile(sandbox: Sandbox, name: string, cwd: string, env: Readonly<Record<string, string>>, command: string): Promise<string> {
  const assignments = envAssignments(env);
  if (assignments.length === 0) return shellCommand(cwd, {}, command);
  const made = await sandbox.process.executeCommand(`mkdir -p ${ENV_DIR} && chmod 700 .forge ${ENV_DIR}`, undefined, undefined, 30);
  if (made.exitCode !== 0) throw new Error(`could not prepare ${ENV_DIR} in the sandbox: ${made.result.trim()}`);
  const file = `${ENV_DIR}/${name.replace(/[^A-Za-z0-9_-]/g, '-')}.sh`;
  await sandbox.fs.uploadFile(Buffer.from(`umask 077\n${assignments.map((a) => `export ${a}`).join('\n')}\n`), file);
  const q = quote([file]);
  return `chmod 600 ${q} && . ./${file} && rm -f ${q} && umask 022 && ${shellCommand(cwd, {}, command)}`;
}

function envAssignments(env: Readonly<Record<string, string>>): string[] {
  return Object.entries(env)
    .filter(([key]) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
    .map(([key, value]) => `${key}=${shellValue(value)}`);
}

/**
 * A quoted value; a leading `$HOME/` stays expandable, because the home is `/home/daytona` in an isolated sandbox
 * but a host folder when the local backend runs unisolated.
 */
function shellValue(value: string): string {
  return value.startsWith('$HOME/') ? `"$HOME"/${quote([value.slice('$HOME/'.length)])}` : quote([value]);
}

/** Output of a short command in the sandbox, trimmed; undefined when it printed nothing or failed (a git config key that is not set, say). */
export async function commandOutput(sandbox: Sandbox, command: string): Promise<string | undefined> {
  const result = await sandbox.process.executeCommand(command, undefined, undefined, 30);
  const text = result.result.trim();
  return result.exitCode === 0 && text !== '' ? text : undefined;
}
