import { ForgeError } from '../../common/errors';
import type { PreviewEvent, PreviewStateMachine } from './previewState';

export interface UntilReadySteps {
  /** Replaces the dev server (restart, pull and restart, reinstall, start after stop); may report progress. */
  readonly work: (progress: (detail: string) => void) => Promise<void>;
  /** Resolves once the preview's port answers (the ready step's poll), rejects at its deadline. */
  readonly waitForAnswer: () => Promise<void>;
  /** Shown once ready, e.g. "Vite on port 5173". */
  readonly readyDetail?: string;
}

/**
 * Runs an action that replaces the dev server and moves the preview through `restarting`/`starting` to `ready`
 * only once the port answers; to `failed` (with the cause) when the action or the wait fails. A newer action
 * started meanwhile wins: this one's answer or failure no longer changes the state.
 */
export async function untilReady(machine: PreviewStateMachine, begin: Extract<PreviewEvent, { type: 'restart' | 'start' | 'setup' }>, steps: UntilReadySteps): Promise<void> {
  const attempt = machine.begin(begin);
  try {
    await steps.work((detail) => {
      if (machine.state.kind !== 'deleted' && 'attempt' in machine.state && machine.state.attempt === attempt) machine.apply({ type: 'progress', detail });
    });
    await steps.waitForAnswer();
    machine.apply({ type: 'answered', attempt, ...(steps.readyDetail === undefined ? {} : { detail: steps.readyDetail }) });
  } catch (error) {
    machine.apply({ type: 'failed', attempt, cause: causeOf(error) });
    throw error;
  }
}

function causeOf(error: unknown): string {
  if (error instanceof ForgeError) return error.hint ? `${error.message} ${error.hint}` : error.message;
  return error instanceof Error ? error.message : String(error);
}
