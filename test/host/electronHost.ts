// The same suites in desktop VS Code, through @vscode/test-electron (which downloads VS Code: a developer
// laptop, not this offline machine). No UI automation here: suites that need it skip themselves.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import type { IntegrationResults } from '../integration/results';
import { TestEnv } from '../integration/support/env';
import { integrationBundle, repoRoot } from './paths';
import { failedTier, type TierResult } from './results';
import { makeTempDir } from './tempDir';
import { VSCODE_VERSION } from './versions';
import { createWorkspace } from './workspace';

export async function runIntegrationInElectron(grep?: string): Promise<TierResult> {
  const started = Date.now();
  const temp = makeTempDir('forge-it-');
  const runDir = temp.path;
  const resultsFile = path.join(runDir, 'results.json');
  let problem: string | undefined;
  try {
    const workspace = await createWorkspace(path.join(runDir, 'workspace'));
    await runTests({
      version: VSCODE_VERSION,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: integrationBundle,
      extensionTestsEnv: {
        [TestEnv.results]: resultsFile,
        [TestEnv.repoRoot]: repoRoot,
        [TestEnv.host]: 'electron',
        // The extension exposes its testing API (services, recent log lines) only when this is set.
        FORGE_TEST: '1',
        ...(grep ? { [TestEnv.grep]: grep } : {}),
      },
      launchArgs: [
        workspace,
        `--user-data-dir=${path.join(runDir, 'user-data')}`,
        `--extensions-dir=${path.join(runDir, 'extensions')}`,
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        // Suites register their own `github` provider (see test/integration/support/githubAuth.ts).
        '--disable-extension=vscode.github-authentication',
      ],
    });
  } catch (error) {
    // runTests rejects when VS Code exits non-zero, which a failing test does too: the results file decides.
    problem = error instanceof Error ? error.message : String(error);
  }
  const results = fs.existsSync(resultsFile) ? (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as IntegrationResults) : undefined;
  temp.remove();
  if (!results) {
    const hint = 'desktop VS Code did not run the suites; FORGE_TEST_HOST=code-server runs them offline';
    return failedTier('integration', `${problem ?? 'VS Code exited without writing results'} (${hint})`, started);
  }
  return { name: 'integration', ...results, host: `desktop VS Code ${results.vscodeVersion}`, seconds: (Date.now() - started) / 1000 };
}
