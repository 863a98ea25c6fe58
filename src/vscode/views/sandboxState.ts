// How a Daytona sandbox state shows in the tree: a coarse category (drives menus and icons) and words.
// No `vscode` import: unit-tested on its own.
import { ERROR_STATES, TRANSITIONAL_STATES } from '../../core/sandboxStates';

export type StateCategory = 'started' | 'stopped' | 'archived' | 'transitional' | 'error' | 'other';

const TRANSITIONAL = TRANSITIONAL_STATES;
const ERROR = ERROR_STATES;

export function categorize(state: string): StateCategory {
  if (state === 'started' || state === 'stopped' || state === 'archived') return state;
  if (TRANSITIONAL.has(state)) return 'transitional';
  if (ERROR.has(state)) return 'error';
  return 'other';
}

export function isTransitional(state: string): boolean {
  return TRANSITIONAL.has(state);
}

/** Codicon id and optional theme colour id, kept as strings so this file stays free of `vscode`. */
export interface IconSpec {
  readonly id: string;
  readonly color?: string;
}

export function stateIcon(state: string): IconSpec {
  switch (categorize(state)) {
    case 'started':
      return { id: 'vm-running', color: 'charts.green' };
    case 'stopped':
      return { id: 'vm-outline' };
    case 'archived':
      return { id: 'archive' };
    case 'transitional':
      return { id: 'loading~spin' };
    case 'error':
      return { id: 'error', color: 'list.errorForeground' };
    case 'other':
      return state === 'paused' ? { id: 'debug-pause' } : { id: 'vm' };
  }
}

/** `pulling_snapshot` → `pulling snapshot`. */
export function stateText(state: string): string {
  return state.replace(/_/g, ' ');
}

/** The state an action puts a sandbox in while it runs, so the node spins before the backend says so. */
export const PENDING_STATE = {
  start: 'starting',
  stop: 'stopping',
  archive: 'archiving',
  recover: 'starting',
  delete: 'destroying',
} as const;
