// The attack suite (issue 13): every case is a real attack on a trust boundary that must come back empty.
// `attacks` counts the cases run, `attacksBlocked` the ones whose attack failed as it should.
import type { Lane } from '../kit/lane';
import type { Case, CaseResult } from '../kit/runner';
import { localAttackCases } from './attacksLocal';
import { refAttackCases } from './attacksRefs';
import { repoAttackCases } from './attacksRepo';
import { workspaceAttackCases } from './attacksWorkspace';

export function attackCases(): Case<Lane>[] {
  return [...localAttackCases(), ...repoAttackCases(), ...refAttackCases(), ...workspaceAttackCases()];
}

export function attackFigures(results: readonly CaseResult[]): { attacks: number; attacksBlocked: number } {
  return { attacks: results.length, attacksBlocked: results.filter((r) => r.passed).length };
}
