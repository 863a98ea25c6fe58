// "Preview this repo" for a folder whose preview is live: when nothing changed since its setup (same branch and
// commit, same settings, no local edit the sandbox lacks) and the dev server answers one health probe, the answer
// comes from what the session knows. Anything else runs the whole pipeline, which reuses the sandbox, uploads
// the edits and starts a dead dev server again: correctness first, the fast path only when it is safe.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Health } from '../preview';
import { runPreview, sandboxKey, timed, type PreviewOutcome, type PreviewRequest } from '../pipeline/run';
import type { PreviewSettings } from '../pipeline/settings';
import type { StepTimings } from '../pipeline/steps';
import type { RepoFacts } from '../types';
import type { RePreviewMemo } from './memo';
import type { PreviewSession } from './previewSession';

export interface SessionRequest extends PreviewRequest {
  /** The live session of the same folder, when there is one: "Preview this repo" again. */
  readonly previous?: PreviewSession;
  /** The adapter knows the sandbox has every saved edit (sync on save is on and reports synced). */
  readonly inSync?: () => boolean;
  /** The fast path was not taken: the whole pipeline runs now (the adapter shows "setting up" from here). */
  readonly onFullSetup?: (why: string) => void;
}

export type SessionRun =
  | { readonly fast: true; readonly timings: StepTimings; readonly health: Health }
  | { readonly fast: false; readonly outcome: PreviewOutcome; readonly memo: RePreviewMemo; readonly why: string };

type FastPath = Extract<SessionRun, { fast: true }> | { readonly fast: false; readonly why: string };

/** Runs the pipeline, or answers from the previous session when that is safe (see the file comment). */
export async function previewOrReuse(request: SessionRequest): Promise<SessionRun> {
  const reuse = request.previous ? await fastPath(request, request.previous) : { fast: false as const, why: 'no live preview of this folder' };
  if (reuse.fast) {
    request.logger.info(`Re-preview: nothing changed and the dev server answers (${Object.entries(reuse.timings).map(([s, ms]) => `${s} ${ms} ms`).join(', ')})`);
    return reuse;
  }
  if (request.previous) request.logger.info(`Re-preview: setting the preview up again (${reuse.why})`);
  request.onFullSetup?.(reuse.why);
  const outcome = await runPreview(request);
  return { fast: false, outcome, memo: await memoOf(outcome.facts, request.settings), why: reuse.why };
}

async function fastPath(request: SessionRequest, previous: PreviewSession): Promise<FastPath> {
  const { key } = previous.info;
  const memo = previous.remembered();
  const slow = (why: string): FastPath => ({ fast: false, why });
  if (request.ref || key.ref) return slow('a branch or pull request preview follows its remote');
  if (previous.machine.state.kind !== 'ready') return slow(`the preview is ${previous.machine.state.kind}`);
  if (!memo) return slow('nothing is known about its last setup');
  if (memo.settings !== settingsHash(request.settings)) return slow('the settings changed');
  const timings: StepTimings = {};
  const facts = await timed(request, timings, 'repo', () => request.tree.facts(request.folder, request.settings.githubHost));
  const now = sandboxKey(facts);
  if (now.repo !== key.repo || now.branch !== key.branch || facts.head !== memo.head) return slow('the branch or commit changed');
  if (!request.inSync?.() && (await changesHash(facts)) !== memo.changes) return slow('there are local edits the sandbox may not have');
  // The one health probe: the sandbox is started, the dev server's command runs, and its port answers.
  const health = await timed(request, timings, 'ready', () => previous.health());
  if (!answers(health)) return slow(`the dev server does not answer (sandbox ${health.sandboxState}, ${health.devServerRunning ? 'running' : 'not running'}, HTTP ${health.httpStatus ?? 'none'})`);
  return { fast: true, timings, health };
}

/** Answered like the ready step counts it: any HTTP status but the proxy's 502/503/504. */
export function answers(health: Health): boolean {
  const status = health.httpStatus;
  return health.sandboxState === 'started' && health.devServerRunning && status !== undefined && status !== 502 && status !== 503 && status !== 504;
}

/** What a full setup saw, for the next re-preview's comparison. */
export async function memoOf(facts: RepoFacts, settings: PreviewSettings): Promise<RePreviewMemo> {
  return { head: facts.head, settings: settingsHash(settings), changes: await changesHash(facts) };
}

function settingsHash(settings: PreviewSettings): string {
  return createHash('sha256').update(JSON.stringify(settings)).digest('hex');
}

/** The local changes with each file's size and mtime: an edit to an already changed file changes the hash too. */
async function changesHash(facts: RepoFacts): Promise<string> {
  const hash = createHash('sha256');
  const lines = await Promise.all(
    facts.changes.map(async (change) => {
      const from = change.kind === 'renamed' ? `${change.from}>` : '';
      if (change.kind === 'deleted') return `${change.kind}:${change.path}`;
      const info = await stat(path.join(facts.root, change.path)).catch(() => undefined);
      return `${change.kind}:${from}${change.path}:${info?.size ?? '-'}:${info?.mtimeMs ?? '-'}`;
    }),
  );
  for (const line of lines.sort()) hash.update(`${line}\n`);
  return hash.digest('hex');
}
