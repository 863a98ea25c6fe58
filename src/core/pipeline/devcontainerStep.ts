import type { Sandbox } from '../../daytona/port';
import { createHash } from 'node:crypto';
import { quote } from 'shell-quote';
import type { DevcontainerPlan } from '../devcontainer/plan';
import type { LogStream } from '../logs/lineBatcher';
import { runInSession, shellCommand } from '../sandboxExec';
import { ForgeError } from '../../common/errors';
import type { Logger } from '../../common/logger';
import { toolsPath } from './installStep';

export interface LifecycleInput {
  readonly sandbox: Sandbox;
  readonly plan: DevcontainerPlan;
  readonly repoPath: string;
  /** The sandbox environment: devcontainer.json's, under the user's settings. */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutSeconds: number;
  readonly signal: AbortSignal;
  readonly logger: Logger;
  readonly onLog: (text: string, stream: LogStream) => void;
}

const SESSION = 'forge-devcontainer';
const MARKERS = '$HOME/.forge/devcontainer';

/** `postCreateCommand`, once per sandbox (and again if the command changes), after the code landed, before the install. */
export async function runPostCreate(input: LifecycleInput): Promise<boolean> {
  const command = input.plan.postCreateCommand;
  if (!command) return false;
  const marker = `${MARKERS}/post-create-${createHash('sha256').update(command).digest('hex').slice(0, 16)}`;
  const done = await input.sandbox.process.executeCommand(`test -f "${marker}"`, undefined, undefined, 30);
  if (done.exitCode === 0) {
    input.logger.info(`${input.plan.file}: postCreateCommand already ran in this sandbox`);
    return false;
  }
  await runLifecycle(input, 'postCreateCommand', command);
  await input.sandbox.process.executeCommand(`mkdir -p "${MARKERS}" && touch "${marker}"`, undefined, undefined, 30);
  return true;
}

/** `postStartCommand`, each time this run created or started the sandbox. */
export async function runPostStart(input: LifecycleInput): Promise<void> {
  const command = input.plan.postStartCommand;
  if (command) await runLifecycle(input, 'postStartCommand', command);
}

async function runLifecycle(input: LifecycleInput, key: string, command: string): Promise<void> {
  input.logger.info(`${input.plan.file}: running ${key}`);
  const line = shellCommand(input.repoPath, input.env, `${toolsPath(input.sandbox.memory)} && (${command}\n)`);
  const result = await runInSession(input.sandbox, SESSION, line, { logger: input.logger, signal: input.signal, timeoutMs: input.timeoutSeconds * 1000, onLog: input.onLog });
  if (result.exitCode === 0 && !result.timedOut) return;
  throw new ForgeError('install-failed', `${key} from ${input.plan.file} ${result.timedOut ? `did not finish within ${input.timeoutSeconds} s` : `failed (exit code ${result.exitCode})`}.`, {
    hint: `Fix the command in ${input.plan.file} (it ran in ${quote([input.repoPath])}), or remove it.`,
    logTail: result.tail,
  });
}
