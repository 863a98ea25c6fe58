import * as path from 'node:path';
import { stat } from 'node:fs/promises';
import { runPreview, type PreviewOutcome } from '../core/pipeline/run';
import { createWorkingTreeReader } from '../core/pipeline/defaultWorkingTree';
import { DEFAULT_PREVIEW_SETTINGS, type PreviewSettings } from '../core/pipeline/settings';
import { STEP_TITLES } from '../core/pipeline/steps';
import { ForgeError } from '../common/errors';
import type { Logger } from '../common/logger';
import { createDaytonaClient, type SandboxClient } from '../core/connect';
import type { LocalBackend } from '../local';
import { connectBackend } from './connect';
import { parsePreviewArgs, type PreviewArgs } from './args';
import { stderrLogger } from './logger';
import { PreviewSession } from '../core/session/previewSession';
import { closeSandbox } from '../core/session/closePolicy';
import { LogTail } from '../core/logs/tail';
import { DIAGNOSE_LINES } from '../core/pipeline/diagnose';
import { watchAndSync } from './watch';

/** `forge preview`: the same pipeline as the extension, from a terminal. Resolves with the exit code. */
export async function previewMain(argv: readonly string[]): Promise<number> {
  const args = parsePreviewArgs(argv);
  const folder = path.resolve(args.path);
  if (!(await stat(folder).catch(() => undefined))?.isDirectory()) {
    throw new ForgeError('no-workspace', `${folder} is not a folder.`, { hint: 'Pass the path of the repository to preview.' });
  }
  const logger = stderrLogger(process.env['FORGE_LOG_LEVEL'] === 'debug');
  const abort = new AbortController();
  const state: RunState = {};
  // Settles once the pipeline has finished, its own clean-up of a cancelled run included: the embedded backend
  // must stay up until then, or that clean-up (and the --on-exit choice) fails with ECONNREFUSED.
  let settled: Promise<unknown> = Promise.resolve();
  const finished = new Promise<number>((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.stderr.write(`\nforge: ${signal}, ${state.outcome ? `${args.onExit === 'keep' ? 'keeping' : args.onExit === 'stop' ? 'stopping' : 'deleting'} the sandbox` : 'cancelling'}…\n`);
      abort.abort();
      void settled.then(() => shutDown(state, args, logger)).then(() => resolve(state.outcome ? 0 : 130));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });

  const started = performance.now();
  const run = startRun(folder, args, logger, abort.signal, state);
  settled = run.catch(() => undefined);
  let outcome: PreviewOutcome;
  try {
    outcome = await run;
  } catch (error) {
    if (abort.signal.aborted) return finished;
    await state.local?.close();
    throw error;
  }
  printSummary(outcome, Math.round(performance.now() - started), args.json);
  const session = cliSession(outcome, args, logger);
  session.followLogs();
  abort.signal.addEventListener('abort', () => session.stopFollowing(), { once: true });
  if (args.watch) {
    const watching = await watchAndSync({
      preview: session.preview,
      tree: createWorkingTreeReader(logger),
      settings: settingsFrom(args),
      logger,
      onLog: (text) => process.stderr.write(text),
      onRestarted: () => session.followLogs(),
      write: (line) => process.stderr.write(line),
    });
    abort.signal.addEventListener('abort', () => watching.close(), { once: true });
  }
  return finished;
}

function printSummary(outcome: PreviewOutcome, totalMs: number, json: boolean): void {
  const { info } = outcome.preview;
  const summary = {
    sandboxId: info.sandboxId,
    previewUrl: outcome.previewUrl,
    framework: outcome.app.framework?.id ?? null,
    packageManager: outcome.app.packageManager,
    port: outcome.app.port,
    ref: outcome.ref?.label ?? null,
    ...(outcome.ref ? { commit: outcome.ref.commit } : {}),
    timings: { ...outcome.timings, total: totalMs },
  };
  process.stdout.write(json ? `${JSON.stringify(summary)}\n` : `Preview ready: ${outcome.previewUrl}\n`);
}

/** The core session over the ready preview: the dev server's output on stderr, Forge's notes in the debug log. */
function cliSession(outcome: PreviewOutcome, args: PreviewArgs, logger: Logger): PreviewSession {
  const tail = new LogTail(DIAGNOSE_LINES);
  const session = new PreviewSession(outcome.preview, {
    output: {
      append: (text) => {
        tail.push(text);
        process.stderr.write(text);
      },
      note: (text) => logger.debug(text),
      recent: () => tail.last(),
    },
    logger,
    settings: () => Promise.resolve(settingsFrom(args)),
    githubToken: () => envToken(),
  });
  return session;
}

function envToken(): Promise<string | undefined> {
  return Promise.resolve(process.env['GITHUB_TOKEN'] || process.env['GH_TOKEN'] || undefined);
}

/** What a signal's shut-down needs to know, filled in as the run goes. */
interface RunState {
  local?: LocalBackend;
  daytona?: SandboxClient;
  sandboxId?: string;
  outcome?: PreviewOutcome;
}

async function startRun(folder: string, args: PreviewArgs, logger: Logger, signal: AbortSignal, state: RunState): Promise<PreviewOutcome> {
  const connection = await connectBackend({
    backend: args.backend,
    ...(args.dataDir ? { dataDir: args.dataDir } : {}),
    logger,
    isolate: !args.noIsolation,
    onLocal: (backend) => {
      state.local = backend;
      if (!backend.isolated) process.stderr.write('forge: warning: --no-isolation: the local backend runs repository code as plain processes with your rights (not isolated).\n');
    },
  });
  const daytona = createDaytonaClient(connection);
  state.daytona = daytona;
  state.outcome = await runPreview({
    folder,
    daytona,
    backend: connection.kind,
    ...(connection.target ? { target: connection.target } : {}),
    settings: settingsFrom(args),
    tree: createWorkingTreeReader(logger),
    signal,
    logger,
    progress: {
      begin: (step) => process.stderr.write(`forge: ${STEP_TITLES[step]}…\n`),
      detail: (_step, message) => logger.debug(message),
      end: (_step, ms, note) => logger.debug(`  done in ${ms} ms${note ? ` (${note})` : ''}`),
    },
    githubToken: envToken,
    chooseApp: (apps) => {
      throw new ForgeError('ambiguous-app', `This repository has several apps: ${apps.map((a) => a.appPath || '(root)').join(', ')}.`, { hint: 'Choose one with --app-path.' });
    },
    onLog: (text) => process.stderr.write(text),
    onSandbox: (id) => (state.sandboxId = id),
    ...(args.ref ? { ref: args.ref } : {}),
  });
  return state.outcome;
}

function settingsFrom(args: PreviewArgs): PreviewSettings {
  return {
    ...DEFAULT_PREVIEW_SETTINGS,
    githubHost: process.env['FORGE_GITHUB_HOST'] || DEFAULT_PREVIEW_SETTINGS.githubHost,
    ...(args.port !== undefined ? { port: args.port } : {}),
    ...(args.devCommand ? { devCommand: args.devCommand } : {}),
    ...(args.appPath ? { appPath: args.appPath } : {}),
  };
}

/**
 * After a signal and once the pipeline has settled: applies --on-exit, then closes the embedded backend.
 * A run cancelled before it was ready has already undone what it did (deleted a sandbox it created, stopped one it
 * started); `delete` then removes a reused sandbox too and `stop` stops it, so each choice leaves what it says.
 */
async function shutDown(state: RunState, args: PreviewArgs, logger: Logger): Promise<void> {
  try {
    if (args.onExit === 'keep') return;
    const sandbox = state.outcome?.preview.sandbox ?? (state.sandboxId ? await state.daytona?.get(state.sandboxId).catch(() => undefined) : undefined);
    await closeSandbox(sandbox, args.onExit, state.outcome !== undefined);
  } catch (error) {
    logger.error(`Could not ${args.onExit} the sandbox: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await state.local?.close();
  }
}
