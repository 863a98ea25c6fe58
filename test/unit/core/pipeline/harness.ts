// A real stack for pipeline tests: the local backend (real HTTP, real processes), the real SDK, a git server that
// requires the token, and a working copy of a fixture. Everything is torn down by `close()`.
import type { Daytona } from '@daytonaio/sdk';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runPreview, type PreviewOutcome, type PreviewRequest } from '../../../../src/core/pipeline/run';
import type { PreviewSettings } from '../../../../src/core/pipeline/settings';
import type { StepName } from '../../../../src/core/pipeline/steps';
import type { Logger } from '../../../../src/common/logger';
import { createDaytonaClient } from '../../../../src/daytona/connection';
import { startLocalBackend, type LocalBackend } from '../../../../src/local';
import { makeWorkingCopy, type WorkingCopy } from '../../../support/fixtureRepo';
import { startGitServer, type GitServer, type GitServerOptions } from '../../../support/gitServer';
import { testPreviewRequest } from '../../../support/previewRequest';

export const TOKEN = 'ghp_forgeTestToken0123456789abcdefABCDEF';

export interface Stack {
  readonly backend: LocalBackend;
  readonly daytona: Daytona;
  readonly git: GitServer;
  readonly logs: string[];
  readonly steps: StepName[];
  preview(folder: string, overrides?: Omit<Partial<PreviewRequest>, 'settings'> & { settings?: Partial<PreviewSettings> }): Promise<PreviewOutcome>;
  /** Sandboxes the backend holds, with their states. */
  sandboxes(): Promise<{ id: string; state: string }[]>;
  close(): Promise<void>;
}

export async function startStack(gitOptions: Omit<GitServerOptions, 'token'> = {}): Promise<Stack> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'forge-pipeline-'));
  // recordRequests: tests assert on what Forge sends, not only on what the backend made of it.
  const backend = await startLocalBackend({ dataDir, recordRequests: true, faults: true });
  const git = await startGitServer({ token: TOKEN, ...gitOptions });
  const daytona = createDaytonaClient({ kind: 'local', apiUrl: backend.apiUrl, apiKey: backend.apiKey });
  const logs: string[] = [];
  const steps: StepName[] = [];
  const logger: Logger = {
    trace: (m) => logs.push(m),
    debug: (m) => logs.push(m),
    info: (m) => logs.push(m),
    warn: (m) => logs.push(m),
    error: (m) => logs.push(String(m)),
  };
  return {
    backend,
    daytona,
    git,
    logs,
    steps,
    preview: (folder, overrides = {}) =>
      runPreview(
        testPreviewRequest(
          { folder, daytona, githubHost: git.baseUrl, token: TOKEN },
          {
            logger,
            progress: { begin: (step: StepName) => steps.push(step), detail: (_s: StepName, m: string) => logs.push(m), end: () => undefined },
            onLog: (text: string) => logs.push(text),
            ...overrides,
            settings: { readyTimeoutSeconds: 60, ...overrides.settings },
          },
        ),
      ),
    sandboxes: async () => {
      const all: { id: string; state: string }[] = [];
      for await (const sandbox of daytona.list()) all.push({ id: sandbox.id, state: sandbox.state ?? 'unknown' });
      return all;
    },
    close: async () => {
      await backend.close();
      await git.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** GET a preview URL as a plain client would (no browser, no headers). */
export async function fetchText(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(15_000) });
  return { status: response.status, text: await response.text() };
}

/** Waits until `check` passes or the time is up (for output that arrives asynchronously). */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Mocha hooks that give a suite one stack and working copies of fixtures pushed to its git server; everything is
 * removed after the suite.
 */
export function useStack(gitOptions: Omit<GitServerOptions, 'token'> = {}): { stack: () => Stack; copy: (fixture: string, options?: Parameters<typeof makeWorkingCopy>[1]) => Promise<WorkingCopy> } {
  let current: Stack | undefined;
  const copies: WorkingCopy[] = [];
  before(async () => {
    current = await startStack(gitOptions);
  });
  after(async () => {
    await current?.close();
    await Promise.all(copies.map((c) => c.cleanup()));
  });
  const stack = (): Stack => {
    if (!current) throw new Error('the stack starts in a before() hook');
    return current;
  };
  return {
    stack,
    copy: async (fixture, options = {}) => {
      const wc = await makeWorkingCopy(fixture, { gitServer: stack().git, ...options });
      copies.push(wc);
      return wc;
    },
  };
}

/** The express fixture, printing one line per request (`?n=` names it) so a test can see what a follow delivers. */
export const LOGGING_SERVER = `const express = require('express');
const app = express();
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '127.0.0.1';
app.get('/', (req, res) => {
  console.log('served ' + String(req.query.n));
  res.type('html').send('<h1 id="forge-fixture">Forge fixture: express</h1>');
});
app.listen(port, host, () => console.log('Forge fixture express listening on http://' + host + ':' + port));
`;
