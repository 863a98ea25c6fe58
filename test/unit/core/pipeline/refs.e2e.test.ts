import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { parseRef } from '../../../../src/core/refs/refName';
import { listRemoteRefs } from '../../../../src/core/refs/remoteRefs';
import { git } from '../../../support/git';
import type { WorkingCopy } from '../../../support/fixtureRepo';
import { fetchText, TOKEN, useStack } from './harness';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

describe('Preview a branch or pull request without touching the local checkout (local backend, real git server)', function () {
  this.timeout(300_000);
  const { stack, copy } = useStack();
  let wc: WorkingCopy;
  let localHead: string;
  let localStatus: string;

  before(async () => {
    // main prints "main", branch feature-x and refs/pull/7/head print their own markers; the copy stays on main.
    wc = await copy('plain-node', { public: true });
    const server = path.join(wc.dir, 'server.js');
    const original = await readFile(server, 'utf8');
    const push = async (marker: string, target: string): Promise<void> => {
      await writeFile(server, original.replace('Forge fixture: plain-node', `Forge fixture: plain-node ${marker}`));
      await git(wc.dir, ['commit', '-qam', marker]);
      await git(wc.dir, [...stack().git.authArgs(), 'push', '-q', wc.cloneUrl ?? '', `HEAD:${target}`]);
    };
    await git(wc.dir, ['checkout', '-q', '-b', 'feature-x']);
    await push('marker-feature-x', 'refs/heads/feature-x');
    await git(wc.dir, ['checkout', '-q', '-b', 'pr-seven', 'main']);
    await push('marker-pull-7', 'refs/pull/7/head');
    await git(wc.dir, ['checkout', '-q', 'main']);
    await git(wc.dir, ['branch', '-q', '-D', 'feature-x', 'pr-seven']);
    // An uncommitted edit that must reach neither ref preview, and must still be there afterwards.
    await writeFile(server, `${original}// local edit\n`);
    localHead = await git(wc.dir, ['rev-parse', 'HEAD']);
    localStatus = await git(wc.dir, ['status', '--porcelain']);
  });

  it('lists the branches and pull request heads of origin with ls-remote, without the GitHub API', async () => {
    const refs = await listRemoteRefs(wc.dir, 'origin');
    assert.deepEqual(refs.branches.map((b) => b.name).sort(), ['feature-x', 'main']);
    assert.deepEqual(refs.pulls.map((p) => p.number), [7]);
    assert.equal(refs.defaultBranch, 'main');
  });

  it('forge preview --ref feature-x and --ref pull/7 serve each marker; HEAD, files and refs of the checkout are unchanged', async () => {
    const refsBefore = await git(wc.dir, ['for-each-ref', '--format=%(refname) %(objectname)']);
    const dataDir = await mkdtemp(path.join(tmpdir(), 'forge-cli-refs-'));
    try {
      for (const [ref, marker] of [['feature-x', 'marker-feature-x'], ['pull/7', 'marker-pull-7']] as const) {
        const run = await cliPreview(wc.dir, ref, dataDir, stack().git.baseUrl);
        try {
          assert.equal(run.summary['ref'], ref);
          const page = await fetchText(String(run.summary['previewUrl']));
          assert.equal(page.status, 200);
          assert.match(page.text, new RegExp(marker));
          assert.ok(!page.text.includes('local edit'));
        } finally {
          await run.stop();
        }
        assert.ok(!run.stderr().includes(TOKEN), 'the CLI log must not hold the token');
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    assert.equal(await git(wc.dir, ['rev-parse', 'HEAD']), localHead);
    assert.equal(await git(wc.dir, ['symbolic-ref', '--short', 'HEAD']), 'main');
    assert.equal(await git(wc.dir, ['status', '--porcelain']), localStatus);
    assert.match(await readFile(path.join(wc.dir, 'server.js'), 'utf8'), /\/\/ local edit\n$/);
    assert.equal(await git(wc.dir, ['for-each-ref', '--format=%(refname) %(objectname)']), refsBefore);
  });

  it('gives each ref its own sandbox, labelled with the ref, reused by the next preview of that ref only', async () => {
    const feature = await stack().preview(wc.dir, { ref: parseRef('feature-x') });
    assert.equal(feature.preview.sandbox.labels['forge.ref'], 'feature-x');
    assert.match((await fetchText(feature.previewUrl)).text, /marker-feature-x/);
    const pull = await stack().preview(wc.dir, { ref: parseRef('pull/7') });
    assert.notEqual(pull.preview.info.sandboxId, feature.preview.info.sandboxId);
    assert.equal(pull.preview.sandbox.labels['forge.ref'], 'pull/7');
    assert.match((await fetchText(pull.previewUrl)).text, /marker-pull-7/);
    const again = await stack().preview(wc.dir, { ref: parseRef('pull/7') });
    assert.equal(again.preview.info.sandboxId, pull.preview.info.sandboxId);
    assert.match((await fetchText(again.previewUrl)).text, /marker-pull-7/);
    // The working tree gets a sandbox of its own, with the local edit.
    const tree = await stack().preview(wc.dir);
    assert.ok(![feature, pull].some((o) => o.preview.info.sandboxId === tree.preview.info.sandboxId));
    assert.equal(tree.preview.sandbox.labels['forge.ref'], undefined);
    assert.equal(await git(wc.dir, ['rev-parse', 'HEAD']), localHead);
  });

  it('previews a commit by its short id (resolved locally, fetched in full), without the local edit', async () => {
    const outcome = await stack().preview(wc.dir, { ref: parseRef(localHead.slice(0, 8)) });
    assert.equal(outcome.ref?.commit, localHead);
    const page = await fetchText(outcome.previewUrl);
    assert.match(page.text, /Forge fixture: plain-node<\/h1>/);
    assert.equal(outcome.preview.sandbox.labels['forge.ref'], localHead.slice(0, 8));
  });

  it('names a branch the remote does not have', async () => {
    await assert.rejects(stack().preview(wc.dir, { ref: parseRef('no-such-branch') }), /has no branch no-such-branch/);
  });
});

interface CliRun {
  readonly summary: Record<string, unknown>;
  stderr(): string;
  stop(): Promise<void>;
}

/** Runs `forge preview --ref … --json` as a user would (from source, through tsx) until it prints its JSON line. */
function cliPreview(dir: string, ref: string, dataDir: string, githubHost: string): Promise<CliRun> {
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.join(REPO_ROOT, 'src', 'cli.ts'), 'preview', dir, '--ref', ref, '--json', '--backend', 'local', '--data', dataDir, '--on-exit', 'delete'], {
    cwd: REPO_ROOT,
    env: { ...process.env, FORGE_GITHUB_HOST: githubHost, GITHUB_TOKEN: TOKEN, DAYTONA_API_KEY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`forge preview exited (${code}) before printing its JSON line:\n${stderr}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      resolve({
        summary: JSON.parse(line) as Record<string, unknown>,
        stderr: () => stderr,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
  });
}
