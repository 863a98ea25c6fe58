// Bad input (design.md §7 and more): each ends in a clear message naming the cause (the right ForgeError code, no
// stack text), or in a working preview where the input is merely unusual; runScenario checks that nothing local
// changed, no sandbox was left running and no secret leaked.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import * as path from 'node:path';
import { parseEnvFile, readEnvFile } from '../../../src/core/envFile';
import { STEPS } from '../../../src/core/pipeline/steps';
import { ForgeError } from '../../../src/common/errors';
import { createDaytonaClient } from '../../../src/daytona/connection';
import { FIXTURES_DIR } from '../../support/fixtureRepo';
import { git } from '../../support/git';
import type { Lane } from '../kit/lane';
import type { Case } from '../kit/runner';
import { expectClear, expectForgeError, expectPreviewWorks, runScenario, type Clear, type ScenarioOptions, type ScenarioResult } from '../kit/scenario';

const PAGE = /Forge fixture: plain-node/;
const WRONG_TOKEN = 'ghp_wrongScopeToken9876543210zyxwvuZYXWVU';

/** A check returns a Clear (from expectClear) when it showed the message names the cause and the next step. */
type Check = (result: ScenarioResult, lane: Lane) => Promise<void | Clear> | void | Clear;

function scenario(name: string, prepare: (lane: Lane) => Promise<ScenarioOptions>, check: Check): Case<Lane> {
  return {
    suite: 'bad inputs',
    name,
    run: async (lane) => {
      const options = await prepare(lane);
      let clear = false;
      await runScenario(lane, options, async (result) => {
        clear = (await check(result, lane))?.clear === true;
      });
      return { clear };
    },
  };
}

function pure(name: string, run: () => Promise<void | Clear> | void | Clear): Case<Lane> {
  return { suite: 'bad inputs', name, run: async () => (await run()) ?? {} };
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const plain = (lane: Lane, options: Parameters<Lane['copy']>[1] = {}): Promise<ScenarioOptions> => lane.copy('plain-node', options).then((wc) => ({ folder: wc.dir }));
const works: Check = async (result) => {
  await expectPreviewWorks(result, PAGE);
};
const pkg = (scripts: Record<string, string>): string => `${JSON.stringify({ name: 'fixture-plain-node', private: true, version: '0.0.0', scripts }, null, 2)}\n`;

export function badInputCases(): Case<Lane>[] {
  return [...workspaceCases(), ...remoteCases(), ...manifestCases(), ...settingsCases(), ...backendCases(), ...devServerCases(), ...cancelCases()];
}

function workspaceCases(): Case<Lane>[] {
  return [
    scenario('no workspace folder (the folder does not exist)', (lane) => Promise.resolve({ folder: path.join(lane.dataDir, 'no-such-folder') }), (r, lane) =>
      expectClear(r, 'no-workspace', new RegExp(`${escape(path.join(lane.dataDir, 'no-such-folder'))} does not exist`), /Open a folder/),
    ),
    scenario('not a git repository: previewed by uploading its files', (lane) => plain(lane, { git: false }), works),
    scenario('git repository without a remote: previewed by upload', (lane) => plain(lane, { remote: 'none' }), works),
    scenario('a remote that is a local path: previewed by upload', (lane) => plain(lane, { remote: '/srv/git/app.git' }), works),
    scenario('repository path with a space and unicode', (lane) => plain(lane, { folderName: 'my app — ünïcødé 日本' }), works),
    scenario('branch name with slashes', (lane) => plain(lane, { branch: 'feature/login/form-2' }), async (r) => {
      const outcome = await expectPreviewWorks(r, PAGE);
      assert.equal(outcome.facts.branch, 'feature/login/form-2');
    }),
    scenario(
      'detached HEAD',
      async (lane) => {
        const options = await plain(lane);
        await git(options.folder, ['checkout', '-q', '--detach']);
        return options;
      },
      works,
    ),
    scenario(
      'shallow clone',
      async (lane) => {
        const wc = await lane.copy('plain-node');
        const shallow = path.join(path.dirname(wc.dir), 'shallow');
        await git(path.dirname(wc.dir), [...lane.git.authArgs(), 'clone', '-q', '--depth', '1', wc.cloneUrl ?? '', shallow]);
        assert.equal(await git(shallow, ['rev-parse', '--is-shallow-repository']), 'true');
        return { folder: shallow };
      },
      works,
    ),
    scenario(
      'a submodule in the working tree',
      async (lane) => {
        const wc = await lane.copy('plain-node');
        const sub = await lane.copy('static-html');
        await git(wc.dir, [...lane.git.authArgs(), '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub.cloneUrl ?? '', 'vendor/site']);
        await git(wc.dir, ['commit', '-q', '-m', 'Add a submodule']);
        await git(wc.dir, [...lane.git.authArgs(), 'push', '-q', wc.cloneUrl ?? '', 'HEAD:refs/heads/main']);
        await git(wc.dir, [...lane.git.authArgs(), 'fetch', '-q', wc.cloneUrl ?? '', '+refs/heads/*:refs/remotes/origin/*']);
        return { folder: wc.dir };
      },
      works,
    ),
    scenario('a 200 MB untracked file: not uploaded, said so, preview works', (lane) => withBigFile(lane, true), bigFileCheck),
    scenario('a 200 MB file in a folder without git: not uploaded, said so, preview works', (lane) => withBigFile(lane, false), bigFileCheck),
  ];
}

async function withBigFile(lane: Lane, isGit: boolean): Promise<ScenarioOptions> {
  const options = await plain(lane, isGit ? {} : { git: false });
  // Sparse: 200 MB as far as every reader is concerned, instant to create.
  const handle = await open(path.join(options.folder, 'big.bin'), 'w');
  await handle.truncate(200 * 1024 * 1024);
  await handle.close();
  return options;
}

async function bigFileCheck(result: ScenarioResult, lane: Lane): Promise<void> {
  const outcome = await expectPreviewWorks(result, PAGE);
  assert.ok(result.logs.some((l) => /Not uploading big\.bin: it is 200 MB, over the \d+ MB upload limit/.test(l)), 'a warning names the skipped file and why');
  const inSandbox = path.join(lane.dataDir, 'sandboxes', outcome.preview.info.sandboxId, 'home', path.basename(outcome.preview.info.repoPath), 'big.bin');
  assert.ok(!existsSync(inSandbox), 'big.bin must not reach the sandbox');
}

function remoteCases(): Case<Lane>[] {
  const noCredentialsSent = (lane: Lane, slug: string, from: number): void => {
    const sent = lane.git.requests.slice(from).filter((r) => r.url.includes(slug) && r.credentials);
    assert.deepEqual(sent, [], 'the token went to a host that is not the GitHub host');
  };
  return [
    scenario('SSH remote on the GitHub host: cloned over HTTP(S) with the token', (lane) => plain(lane, { remote: 'ssh' }), async (r) => {
      const outcome = await expectPreviewWorks(r, PAGE);
      assert.match(outcome.facts.cloneUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+\//);
    }),
    {
      suite: 'bad inputs',
      name: 'non-GitHub remote, private: the token is withheld and the message says why',
      run: async (lane) => {
        const slug = `forge-tests/elsewhere-${Math.random().toString(36).slice(2, 10)}`;
        const options = await plain(lane, { slug });
        const pushed = lane.git.requests.length; // the fixture's own push carried the token; only later requests count
        let verdict: Clear | undefined;
        await runScenario(lane, { ...options, settings: { githubHost: 'github.com' } }, (r) => {
          const { clear } = expectClear(r, 'auth-required', /private/, /only to github\.com/);
          noCredentialsSent(lane, slug, pushed);
          verdict = { clear };
        });
        return verdict;
      },
    },
    scenario(
      'non-GitHub remote, public: cloned without any token',
      async (lane) => ({ ...(await plain(lane, { public: true })), settings: { githubHost: 'github.com' } }),
      works,
    ),
    scenario('private repository without a GitHub token', (lane) => plain(lane).then((o) => ({ ...o, request: { githubToken: () => Promise.resolve(undefined) } })), (r) =>
      expectClear(r, 'auth-required', /the repository is private/, /Sign in to GitHub/),
    ),
    scenario(
      'GitHub token lacking scope (the git server refuses it)',
      (lane) => plain(lane).then((o) => ({ ...o, request: { githubToken: () => Promise.resolve(WRONG_TOKEN) }, extraSecrets: [{ name: 'refused token', value: WRONG_TOKEN }] })),
      (r) => expectClear(r, 'auth-failed', /token was refused/, /"repo" scope/),
    ),
  ];
}

function manifestCases(): Case<Lane>[] {
  return [
    scenario('no package.json', (lane) => lane.copy('no-package-json').then((wc) => ({ folder: wc.dir })), (r) =>
      expectClear(r, 'no-package-json', /package\.json/, /forge\.appPath|forge\.devCommand/),
    ),
    scenario('malformed package.json (trailing comma)', (lane) => lane.copy('bad-json').then((wc) => ({ folder: wc.dir })), (r) =>
      expectClear(r, 'bad-package-json', /package\.json is not valid JSON/, /Fix the file/),
    ),
    scenario('package.json that is not JSON at all', (lane) => plain(lane, { localChanges: { edit: { 'package.json': 'name: my app\nscripts: dev\n' } } }), (r) =>
      expectClear(r, 'bad-package-json', /package\.json is not valid JSON/, /Fix the file/),
    ),
    scenario('package.json that is a JSON array', (lane) => plain(lane, { localChanges: { edit: { 'package.json': '[1, 2, 3]\n' } } }), (r) =>
      expectClear(r, 'bad-package-json', /package\.json must contain/, /Fix the file/),
    ),
    scenario('no dev script and no known framework', (lane) => lane.copy('no-scripts').then((wc) => ({ folder: wc.dir })), (r) =>
      expectClear(r, 'nothing-to-run', /no "dev"/, /forge\.devCommand/),
    ),
    {
      suite: 'bad inputs',
      name: 'monorepo with several apps: the user is asked and dismisses the question',
      run: async (lane) => {
        const wc = await lane.copy('npm-workspaces');
        const offered: string[] = [];
        const chooseApp = (apps: readonly { appPath: string }[]): Promise<undefined> => {
          offered.push(...apps.map((a) => a.appPath));
          return Promise.resolve(undefined);
        };
        await runScenario(lane, { folder: wc.dir, request: { chooseApp } }, (r) => {
          expectForgeError(r, 'cancelled', /Cancelled/);
          assert.deepEqual(offered.sort(), ['apps/api', 'apps/web'], 'both apps were offered');
        });
      },
    },
    scenario('install fails (a preinstall script exits 1)', (lane) => plain(lane, { localChanges: { edit: { 'package.json': pkg({ preinstall: 'echo "npm ERR! boom in preinstall" >&2; exit 1', dev: 'node server.js' }) } } }), (r) => {
      const verdict = expectClear(r, 'install-failed', /failed with exit code 1/, /Forge log|forge\./);
      assert.ok(verdict.error.logTail.some((l) => l.includes('boom in preinstall')), 'the last install lines come with the error');
      return verdict;
    }),
  ];
}

function settingsCases(): Case<Lane>[] {
  return [
    scenario('forge.port out of range (70000)', (lane) => plain(lane).then((o) => ({ ...o, settings: { port: 70000 } })), (r) =>
      expectClear(r, 'bad-setting', /forge\.port.*70000|70000.*forge\.port/, /Change forge\.port/),
    ),
    scenario('forge.port not a whole number (80.5)', (lane) => plain(lane).then((o) => ({ ...o, settings: { port: 80.5 } })), (r) =>
      expectClear(r, 'bad-setting', /forge\.port.*80\.5|80\.5.*forge\.port/, /Change forge\.port/),
    ),
    scenario('forge.appPath outside the repository', (lane) => plain(lane).then((o) => ({ ...o, settings: { appPath: '../../etc' } })), (r) =>
      expectClear(r, 'bad-setting', /forge\.appPath.*\.\.\/\.\.\/etc/, /Change forge\.appPath/),
    ),
    pure('env file with a syntax error names the line', () => {
      assert.throws(() => parseEnvFile('API_URL=https://example.test\nthis line is not an assignment\n# ok\n', '.env.preview'), (error: unknown) => {
        assert.ok(error instanceof ForgeError);
        assert.equal(error.code, 'bad-setting');
        assert.match(error.message, /\.env\.preview .*line 2/);
        assert.match(error.hint ?? '', /NAME=value/);
        return true;
      });
      assert.deepEqual(parseEnvFile('export A=1\n# c\nB="two words"\n', '.env'), { A: '1', B: 'two words' });
      return { clear: true };
    }),
    pure('env file that does not exist', async () => {
      await assert.rejects(readEnvFile(FIXTURES_DIR, 'no/such/.env'), (error: unknown) => error instanceof ForgeError && error.code === 'bad-setting' && /no\/such\/\.env .*could not be read/.test(error.message) && /Check the path/.test(error.hint ?? ''));
      return { clear: true };
    }),
  ];
}

function backendCases(): Case<Lane>[] {
  return [
    scenario('invalid Daytona API key (401)', async (lane) => ({ ...(await plain(lane)), request: { daytona: createDaytonaClient({ kind: 'local', apiUrl: lane.backend.apiUrl, apiKey: 'dtn_not-the-right-key-0123456789' }) } }), (r) =>
      expectClear(r, 'api-key', /rejected the API key/, /Set Daytona API Key/),
    ),
    scenario('backend not reachable (connection refused)', async (lane) => ({ ...(await plain(lane)), request: { daytona: createDaytonaClient({ kind: 'local', apiUrl: 'http://127.0.0.1:9/api', apiKey: lane.backend.apiKey }) } }), (r) =>
      expectClear(r, 'backend-unavailable', /Could not reach the local backend/, /try again/i),
    ),
    scenario('quota limit on create (400)', (lane) => plain(lane).then((o) => ({ ...o, faults: [{ method: 'POST', path: '^/api/sandbox$', effect: { kind: 'quota' } }] })), (r) =>
      expectClear(r, 'quota', /CPU limit exceeded/, /stop or delete sandboxes/),
    ),
    scenario('tier rate limit that does not let up (429 every time)', (lane) => plain(lane).then((o) => ({ ...o, faults: [{ method: 'POST', path: '^/api/sandbox$', times: 'always', effect: { kind: 'rateLimit', retryAfterSeconds: 0 } }] })), (r) =>
      expectClear(r, 'rate-limited', /rate-limiting/, /Wait a minute/),
    ),
    scenario('network lost during the code step (every clone reset)', (lane) => plain(lane).then((o) => ({ ...o, faults: [{ method: 'POST', path: '^/toolbox/[^/]+/git/clone$', times: 'always', effect: { kind: 'reset' } }] })), (r) =>
      expectClear(r, 'backend-unavailable', /Could not reach the local backend while bringing the code into the sandbox/, /try again/i),
    ),
    scenario(
      'sandbox deleted from outside while the dev server starts',
      async (lane) => {
        const options = await plain(lane);
        return {
          ...options,
          faults: [{ method: 'DELETE', path: '^/toolbox/[^/]+/process/session/forge-dev$', delayMs: 1_000, effect: { kind: 'pass' } }],
          onStep: (step, run) => {
            if (step === 'devServer' && run.sandboxId) void lane.daytona.get(run.sandboxId).then((s) => lane.daytona.delete(s, 60));
          },
        };
      },
      (r) => expectClear(r, 'sandbox-gone', /no longer exists/, /Preview this repo/),
    ),
  ];
}

function devServerCases(): Case<Lane>[] {
  const dev = (lane: Lane, devCommand: string, readyTimeoutSeconds = 30): Promise<ScenarioOptions> => plain(lane).then((o) => ({ ...o, settings: { devCommand, port: 8080, readyTimeoutSeconds } }));
  return [
    scenario('dev server crashes after starting', (lane) => dev(lane, `node -e "console.log('starting up'); setTimeout(() => { throw new Error('boom: database connection lost') }, 300)"`), (r) => {
      const verdict = expectClear(r, 'dev-server-exited', /exited \(code 1\)/, /dev server log|forge\./);
      assert.ok(verdict.error.logTail.some((l) => l.includes('database connection lost')));
      return verdict;
    }),
    scenario('dev script that exits at once', (lane) => plain(lane, { localChanges: { edit: { 'package.json': pkg({ dev: 'node -e "process.exit(0)"' }) } } }), (r) =>
      expectClear(r, 'dev-server-exited', /exited \(code 0\)/, /dev server log|forge\./),
    ),
    scenario('port never opens', (lane) => dev(lane, 'echo "warming up"; sleep 600', 4), (r) =>
      expectClear(r, 'port-never-opened', /did not answer on port 8080 within 4 seconds/, /0\.0\.0\.0:8080|forge\.port/),
    ),
    scenario('dev server bound to 127.0.0.1 only', (lane) => dev(lane, 'HOST=127.0.0.1 node server.js', 4), (r) =>
      expectClear(r, 'port-never-opened', /did not answer on port 8080/, /localhost/),
    ),
    scenario(
      'port already taken in the sandbox',
      (lane) => dev(lane, `node -e "require('net').createServer((s) => s.destroy()).listen(8080, '0.0.0.0')" & sleep 0.5; node server.js`),
      (r) => expectClear(r, 'dev-server-exited', /exited/, /^Port 8080 is already taken in the sandbox, so the dev server could not listen on it\..*forge\.port/),
    ),
  ];
}

/** The user cancels as each step begins: "Cancelled.", and whatever the run created is gone. */
function cancelCases(): Case<Lane>[] {
  return STEPS.map((step) =>
    scenario(
      `user cancels at step ${step}`,
      async (lane) => ({
        ...(await plain(lane)),
        onStep: (begun, run) => {
          if (begun === step) run.abort.abort();
        },
      }),
      (r) => {
        expectForgeError(r, 'cancelled', /^Cancelled\.$/);
        assert.equal(r.steps.at(-1), step, 'nothing ran after the cancel');
      },
    ),
  );
}
