import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { logSocketTarget } from '../../../../src/core/logs/logSocket';
import { ForgeError } from '../../../../src/common/errors';
import { eventually, fetchText, LOGGING_SERVER, TOKEN, useStack, type Stack } from './harness';

describe('Preview pipeline end to end (local backend, real SDK, git server requiring the token)', function () {
  this.timeout(240_000);
  const { stack, copy } = useStack();

  it('previews an Express app: page served, logs streamed, every step reported, token kept out of the sandbox', async () => {
    const wc = await copy('express', { localChanges: { untracked: { 'NOTES.md': 'local only\n' }, edit: { 'server.js': LOGGING_SERVER } } });
    const outcome = await stack().preview(wc.dir);

    const page = await fetchText(outcome.previewUrl);
    assert.equal(page.status, 200);
    assert.match(page.text, /Forge fixture: express/);
    assert.deepEqual(stack().steps, ['repo', 'auth', 'sandbox', 'code', 'detect', 'install', 'devServer', 'ready', 'preview']);
    await eventually(() => stack().logs.some((l) => l.includes('Forge fixture express listening')));
    // Forge reads the log stream itself (linear demultiplexing) where the SDK's internals are as expected.
    const target = logSocketTarget(outcome.preview.sandbox, 'forge-dev', 'x');
    assert.ok(target?.url.startsWith('ws://') && target.headers['Authorization']?.startsWith('Bearer '), 'the SDK 0.218.0 client config was not found');
    // Following the dev server again (as the editor and the CLI do after the setup) delivers what the server prints
    // from then on, and nothing it printed before.
    const again: string[] = [];
    const stop = new AbortController();
    const following = outcome.preview.followLogs((text) => again.push(text), stop.signal);
    try {
      await eventually(async () => {
        await fetchText(`${outcome.previewUrl}${outcome.previewUrl.includes('?') ? '&' : '?'}n=after-follow`);
        return again.join('').includes('served after-follow');
      });
    } finally {
      stop.abort();
      await following;
    }
    assert.ok(!again.join('').includes('Forge fixture express listening'), `replayed: ${again.join('')}`);

    // The clone used the token as credentials against the git server, and only there.
    assert.ok(stack().git.requests.some((r) => r.credentials?.password === TOKEN));
    assertSentTokenOnlyAsCloneCredentials(stack());
    const home = sandboxHome(stack(), outcome.preview.info.sandboxId);
    const gitConfig = await readFile(path.join(home, path.basename(outcome.preview.info.repoPath), '.git', 'config'), 'utf8');
    assert.ok(!gitConfig.includes(TOKEN), '.git/config must not hold the token');
    assert.ok(!stack().logs.join('\n').includes(TOKEN), 'no log line may hold the token');
    assert.equal(await readFile(path.join(home, path.basename(outcome.preview.info.repoPath), 'NOTES.md'), 'utf8'), 'local only\n');
  });

  it('reuses the sandbox on a second preview and skips the install when nothing changed', async () => {
    const wc = await copy('express');
    const first = await stack().preview(wc.dir);
    const second = await stack().preview(wc.dir);
    assert.equal(second.preview.info.sandboxId, first.preview.info.sandboxId);
    assert.equal(second.reused, true);
    assert.equal(second.installSkipped, true);
    assert.match((await fetchText(second.previewUrl)).text, /Forge fixture: express/);
  });

  it('refuses a private repository without a token with a clear message, and deletes the sandbox it created', async () => {
    const wc = await copy('express');
    const before = await stack().sandboxes();
    await assert.rejects(stack().preview(wc.dir, { githubToken: () => Promise.resolve(undefined) }), (error: unknown) => {
      assert.ok(error instanceof ForgeError);
      assert.equal(error.code, 'auth-required');
      assert.match(error.message, /private/);
      return true;
    });
    assert.deepEqual((await stack().sandboxes()).map((s) => s.id).sort(), before.map((s) => s.id).sort());
  });

  it('names a dev server that exits at once, with its last lines, and stops nothing it did not start', async () => {
    const wc = await copy('express');
    await assert.rejects(stack().preview(wc.dir, { settings: { devCommand: 'echo "boom: DATABASE_URL environment variable is required" >&2; exit 3' } }), (error: unknown) => {
      assert.ok(error instanceof ForgeError);
      assert.equal(error.code, 'dev-server-exited');
      assert.match(error.message, /exited \(code 3\)/);
      assert.match(error.hint ?? '', /environment variable/);
      assert.ok(error.logTail.some((l) => l.includes('DATABASE_URL')));
      return true;
    });
  });
});

/**
 * What Forge sent the backend: the clone request names the repository by a URL without credentials and passes
 * the token in its password field; no other part of any request (path, query, body) holds the token.
 */
function assertSentTokenOnlyAsCloneCredentials(stack: Stack): void {
  const requests = stack.backend.requests ?? [];
  const clones = requests.filter((r) => r.method === 'POST' && r.path.endsWith('/git/clone'));
  assert.equal(clones.length, 1, `clone requests: ${clones.length}`);
  const body = clones[0]?.body as { url?: string; password?: string } | undefined;
  const url = new URL(body?.url ?? '');
  assert.deepEqual([url.username, url.password], ['', ''], `the clone URL carries credentials: ${body?.url ?? ''}`);
  assert.ok(!(body?.url ?? '').includes(TOKEN), 'the clone URL holds the token');
  assert.equal(body?.password, TOKEN);
  for (const request of requests) {
    const { password: _sentAsCredentials, ...rest } = (request.body ?? {}) as Record<string, unknown>;
    assert.ok(!`${request.path}${request.query}${JSON.stringify(rest)}`.includes(TOKEN), `${request.method} ${request.path} carries the token`);
  }
}

function sandboxHome(stack: Stack, sandboxId: string): string {
  return path.join(stack.backend.dataDir, 'sandboxes', sandboxId, 'home');
}
