// Runs "Preview this repo" once on a lane, the way the VS Code layer does, and checks what every scenario owes the
// user whatever the outcome: nothing local changed, no sandbox left running that the user did not keep, no secret in
// any log line, progress message, error, sandbox file or backend file.
import type { Sandbox } from '@daytonaio/sdk';
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { createWorkingTreeReader } from '../../../src/core/pipeline/defaultWorkingTree';
import { runPreview, type PreviewOutcome, type PreviewRequest } from '../../../src/core/pipeline/run';
import { DEFAULT_PREVIEW_SETTINGS, type PreviewSettings } from '../../../src/core/pipeline/settings';
import type { StepName } from '../../../src/core/pipeline/steps';
import { ForgeError, type ForgeErrorCode } from '../../../src/common/errors';
import type { Logger } from '../../../src/common/logger';
import type { FaultRule } from '../../../src/local';
import { TOKEN } from '../../unit/core/pipeline/harness';
import type { Lane } from './lane';
import { snapshotLocal } from './localState';
import { scanText, scanTree, type Leak, type Secret } from './secrets';

export interface Metrics {
  orphanedSandboxes: number;
  secretLeaks: number;
}

export const metrics: Metrics = { orphanedSandboxes: 0, secretLeaks: 0 };

/** Every preview token the scans saw, so the end-of-run scan of the temp directory looks for them too. */
export const seenPreviewTokens = new Set<string>();

/** Counts `leaks` into `sink` (the run's secretLeaks by default) and fails the case when there are any. */
export function recordLeaks(leaks: readonly Leak[], sink: Metrics = metrics): void {
  sink.secretLeaks += leaks.length;
  if (leaks.length > 0) assert.fail(`secrets leaked: ${leaks.map((l) => `${l.secret} in ${l.where}`).join('; ')}`);
}

export interface ScenarioOptions {
  readonly folder: string;
  readonly settings?: Partial<PreviewSettings>;
  readonly request?: Partial<Omit<PreviewRequest, 'settings' | 'signal' | 'progress' | 'logger' | 'onLog'>>;
  readonly faults?: readonly FaultRule[];
  /** Called as each step begins, with the run's abort controller (cancel tests) and the sandbox id once known. */
  readonly onStep?: (step: StepName, run: { readonly abort: AbortController; readonly sandboxId: string | undefined }) => void;
  /** Sandboxes (ids) the user already had before the preview: they may stay, in any state. */
  readonly userKept?: readonly string[];
  /** Each info line Forge logs, as it is logged (e.g. to act when the clean-up begins). */
  readonly onInfo?: (line: string) => void;
  /** More secrets to look for (e.g. a wrong token the scenario used). */
  readonly extraSecrets?: readonly Secret[];
}

export interface ScenarioResult {
  readonly outcome?: PreviewOutcome;
  readonly error?: unknown;
  readonly logs: readonly string[];
  readonly progress: readonly string[];
  readonly steps: readonly StepName[];
  readonly sandboxIds: readonly string[];
  /** Order of events: `step:<name>` and `sandbox:<id>` (onSandbox). */
  readonly events: readonly string[];
}

/** Runs the preview, then `check`, then the owed checks; deletes the sandbox the preview produced afterwards. */
export async function runScenario(lane: Lane, options: ScenarioOptions, check: (result: ScenarioResult) => Promise<void> | void): Promise<ScenarioResult> {
  const before = await snapshotLocal(options.folder);
  const logs: string[] = [];
  const progress: string[] = [];
  const steps: StepName[] = [];
  const events: string[] = [];
  const sandboxIds: string[] = [];
  const logger: Logger = {
    trace: (m) => logs.push(m),
    debug: (m) => logs.push(m),
    info: (m) => {
      logs.push(m);
      options.onInfo?.(m);
    },
    warn: (m) => logs.push(m),
    error: (m) => logs.push(m instanceof Error ? (m.stack ?? m.message) : m),
  };
  const abort = new AbortController();
  for (const rule of options.faults ?? []) lane.backend.faults.add(rule);
  let outcome: PreviewOutcome | undefined;
  let error: unknown;
  try {
    outcome = await runPreview({
      folder: options.folder,
      daytona: lane.daytona,
      backend: 'local',
      tree: createWorkingTreeReader(logger),
      signal: abort.signal,
      logger,
      progress: {
        begin: (step, title) => {
          steps.push(step);
          events.push(`step:${step}`);
          progress.push(title);
          options.onStep?.(step, { abort, sandboxId: sandboxIds[0] });
        },
        detail: (_s, m) => progress.push(m),
        end: (_s, _ms, note) => {
          if (note) progress.push(note);
        },
      },
      githubToken: () => Promise.resolve(TOKEN),
      chooseApp: (apps) => Promise.resolve(apps[0]),
      onLog: (text) => logs.push(text),
      onSandbox: (id) => {
        sandboxIds.push(id);
        events.push(`sandbox:${id}`);
      },
      ...options.request,
      settings: { ...DEFAULT_PREVIEW_SETTINGS, githubHost: lane.git.baseUrl, readyTimeoutSeconds: 30, installTimeoutSeconds: 120, ...options.settings },
    });
  } catch (caught) {
    error = caught;
  }
  const result: ScenarioResult = { ...(outcome ? { outcome } : {}), ...(error === undefined ? {} : { error }), logs, progress, steps, sandboxIds, events };
  try {
    // A rule that nothing hit means the case exercised nothing: that is a broken test, not a pass.
    const unused = lane.backend.faults.list().filter((rule) => rule.times !== 'always');
    lane.backend.faults.clear();
    // A slow request may still be in flight on the server: let it end before counting sandboxes.
    const longestHang = Math.max(0, ...(options.faults ?? []).filter((f) => f.effect.kind === 'pass').map((f) => f.delayMs ?? 0));
    if (longestHang > 0) await new Promise((r) => setTimeout(r, longestHang + 300));
    await check(result);
    assert.deepEqual(unused.map((r) => `${r.method ?? '*'} ${r.path}`), [], 'fault rules that no request hit');
    assert.equal(await snapshotLocal(options.folder), before, 'the working tree, git status or HEAD changed');
    await checkNoOrphans(lane, outcome, options.userKept ?? []);
    await checkNoSecrets(lane, result, options.extraSecrets ?? []);
    return result;
  } finally {
    if (outcome) await outcome.preview.sandbox.delete(60).catch(() => undefined);
  }
}

async function checkNoOrphans(lane: Lane, outcome: PreviewOutcome | undefined, userKept: readonly string[]): Promise<void> {
  const kept = new Set([...userKept, ...(outcome ? [outcome.preview.info.sandboxId] : [])]);
  const orphans: string[] = [];
  // In any state: a stopped, errored or half-created sandbox nobody asked to keep still costs the user.
  for await (const sandbox of lane.daytona.list()) {
    if (!kept.has(sandbox.id)) orphans.push(`${sandbox.id} (${sandbox.state ?? 'unknown'})`);
  }
  metrics.orphanedSandboxes += orphans.length;
  if (orphans.length > 0) {
    // Leave the lane clean for the next case, then fail this one.
    for (const id of orphans) await lane.daytona.get(id.split(' ')[0] ?? '').then((s: Sandbox) => lane.daytona.delete(s, 60)).catch(() => undefined);
    assert.fail(`sandboxes left that the user did not keep: ${orphans.join(', ')}`);
  }
}

/**
 * Every secret the scenario could leak: the GitHub token, the API key, every sandbox's preview token, the signed URL's
 * token; in log lines, progress, the error, and every file of the backend. `sink` receives the count (a test of the
 * scan itself passes its own).
 */
export async function checkNoSecrets(lane: Lane, result: ScenarioResult, extra: readonly Secret[], sink: Metrics = metrics): Promise<void> {
  const base: Secret[] = [{ name: 'GitHub token', value: TOKEN }, { name: 'Daytona API key', value: lane.backend.apiKey }, ...extra];
  const previewTokens: Secret[] = [];
  for await (const sandbox of lane.daytona.list()) {
    const record = await readFile(path.join(lane.dataDir, 'sandboxes', sandbox.id, 'sandbox.json'), 'utf8').catch(() => '');
    const token = /"authToken"\s*:\s*"([^"]+)"/.exec(record)?.[1];
    if (token) previewTokens.push({ name: `preview token of ${sandbox.id}`, value: token });
  }
  if (result.outcome) {
    const link = await result.outcome.preview.sandbox.getPreviewLink(result.outcome.app.port).catch(() => undefined);
    if (link) previewTokens.push({ name: 'preview link token', value: link.token });
    // The signed URL's token: the user gets the URL, but no log, progress line or file may hold it.
    const signed = new URL(result.outcome.previewUrl).searchParams.get('DAYTONA_SANDBOX_AUTH_KEY');
    if (signed) previewTokens.push({ name: 'signed preview token', value: signed });
  }
  const all = [...base, ...previewTokens];
  for (const token of previewTokens) seenPreviewTokens.add(token.value);
  const error = result.error;
  const errorText = error instanceof ForgeError ? [error.message, error.hint ?? '', ...error.logTail].join('\n') : error instanceof Error ? error.message : '';
  const leaks: Leak[] = [
    ...scanText(result.logs.join('\n'), all, 'log lines'),
    ...scanText(result.progress.join('\n'), all, 'progress messages'),
    ...scanText(errorText, all, 'the error shown to the user'),
    ...(await scanTree(lane.dataDir, (file) => (path.basename(file) === 'sandbox.json' ? base : all))),
  ];
  recordLeaks(leaks, sink);
}

/** The failure a user sees: the right code, a message naming the cause, no stack trace or internal noise. */
export function expectForgeError(result: ScenarioResult, code: ForgeErrorCode, names: RegExp): ForgeError {
  const error = result.error;
  if (result.outcome) assert.fail(`expected a ${code} failure, but the preview succeeded`);
  assert.ok(error instanceof ForgeError, `expected a ForgeError, got ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  assert.equal(error.code, code, `code ${error.code}: ${error.message}`);
  assert.match(error.message, names);
  for (const text of [error.message, error.hint ?? '']) {
    assert.doesNotMatch(text, /\n\s+at |node:internal|node_modules|\.[cm]?[jt]s:\d+|\[object Object\]|undefined/, `internal noise in "${text}"`);
  }
  return error;
}

/** What a bad-input case returns once it showed the message is clear (counted in badInputsClear). */
export interface Clear {
  readonly clear: true;
}

/**
 * A clear message for a bad input: the right code, `cause` (what in this input is wrong) in the message and
 * `next` (what to do about it) in the hint, with no internal noise.
 */
export function expectClear(result: ScenarioResult, code: ForgeErrorCode, cause: RegExp, next: RegExp): Clear & { error: ForgeError } {
  const error = expectForgeError(result, code, cause);
  assert.match(error.hint ?? '', next, `the hint names no next step: "${error.hint ?? ''}"`);
  return { clear: true, error };
}

/** The preview works: the app answers through the signed URL a panel would open. */
export async function expectPreviewWorks(result: ScenarioResult, text: RegExp): Promise<PreviewOutcome> {
  if (!result.outcome) {
    const error = result.error;
    assert.fail(`expected the preview to work, got ${error instanceof ForgeError ? `${error.code}: ${error.message}` : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  const response = await fetch(result.outcome.previewUrl, { signal: AbortSignal.timeout(15_000) });
  const body = await response.text();
  assert.equal(response.status, 200, body.slice(0, 200));
  assert.match(body, text);
  return result.outcome;
}
