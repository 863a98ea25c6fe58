// The integration runner. VS Code loads the bundle (dist/test/integration/index.js) in the extension host and
// calls run(); mocha runs every suite under test/integration/**/*.test.ts (bundled in by the build). The results
// go to the JSON file named by FORGE_TEST_RESULTS, the harness's main signal; run() rejects when a test failed
// so the workbench's own exit code agrees.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { suites } from 'forge:integration-suites';
import { requirementOf } from '../support/requirements';
import type { IntegrationResults, TestRecord } from './results';
import { TestEnv } from './support/env';
import { captureStartupProbe } from './support/startupProbe';

export async function run(): Promise<void> {
  // Before any suite can touch Forge: what does activation alone load? (see lazyEngine.test.ts)
  await captureStartupProbe();

  // The extension host forwards console arguments unformatted; give the reporter finished lines.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(format(...args));
  const grep = process.env[TestEnv.grep];
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000, ...(grep ? { grep } : {}) });
  // The Restricted Mode cycle runs the suites under untrusted/ and nothing else; every other cycle never runs them.
  const untrusted = process.env[TestEnv.trust] === 'untrusted';
  for (const suite of suites.filter((s) => s.file.startsWith('untrusted/') === untrusted)) {
    // What mocha's loadFiles does per file, for suites that are bundled rather than read from disk.
    mocha.suite.emit('pre-require', globalThis, suite.file, mocha);
    mocha.suite.emit('require', suite.load(), suite.file, mocha);
    mocha.suite.emit('post-require', globalThis, suite.file, mocha);
  }

  const tests: TestRecord[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => tests.push({ title: test.fullTitle(), state: 'passed' }));
    runner.on('pending', (test) => {
      const requirement = requirementOf(test);
      tests.push({ title: test.fullTitle(), state: 'pending', ...(requirement ? { requirement } : {}) });
    });
    runner.on('fail', (test, error) => tests.push({ title: test.fullTitle(), state: 'failed', error: describeError(error) }));
  });

  writeResults({
    passed: tests.filter((t) => t.state === 'passed').length,
    failed: Math.max(failures, tests.filter((t) => t.state === 'failed').length),
    pending: tests.filter((t) => t.state === 'pending').length,
    tests,
    vscodeVersion: vscode.version,
    appName: vscode.env.appName,
  });
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** Temp name, then rename: the harness polls for the file and must never read half of it. */
function writeResults(results: IntegrationResults): void {
  const target = process.env[TestEnv.results];
  if (!target) {
    console.warn(`${TestEnv.results} is not set; results are only in the log above.`);
    return;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(results, null, 2));
  fs.renameSync(temp, target);
}
