// Faithful twin, point 2: git errors in both daemon shapes. Daemons up to v0.190 send no `source` and no GIT_*
// code (a private repository is a bare 401, a token without access GitHub's 404, a missing branch a 500); newer
// ones send typed codes. Forge must offer GitHub sign-in, say when a token has no access, and clone the upstream
// branch that exists, on either shape.
import * as assert from 'node:assert/strict';
import { DaytonaError } from '@daytonaio/sdk';
import { git } from '../../../support/git';
import { ForgeError } from '../../../../src/common/errors';
import { fetchText, TOKEN, useStack } from '../../core/pipeline/harness';

const NO_ACCESS_TOKEN = 'ghp_forgeTokenWithoutAccess0123456789abcdef';

for (const daemonVersion of ['v0.190.0', undefined]) {
  const shape = daemonVersion ?? 'current';
  describe(`Twin: git errors on a ${shape} daemon`, function () {
    this.timeout(240_000);
    const { stack, copy } = useStack({ tokensWithoutAccess: [NO_ACCESS_TOKEN] });
    beforeEach(() => stack().backend.setDaemonVersion(daemonVersion));
    afterEach(() => stack().backend.setDaemonVersion(undefined));

    it('answers a clone in that shape (v0.190: no source, generic code, go-git words)', async () => {
      const wc = await copy('express');
      const sandbox = await stack().daytona.create();
      try {
        const error = await sandbox.git.clone(wc.cloneUrl ?? '', 'app').then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof DaytonaError);
        assert.equal(error.statusCode, 401);
        if (daemonVersion) {
          assert.equal(error.source, undefined);
          assert.equal(error.code, 'UNAUTHORIZED');
          assert.equal(error.message, 'unauthorized: authentication required');
          assert.equal(sandbox.daemonVersion, daemonVersion);
        } else {
          assert.equal(error.code, 'GIT_AUTH_FAILED');
        }
      } finally {
        await sandbox.delete();
      }
    });

    it('a private repository without a token asks for GitHub sign-in, then says it is private', async () => {
      const wc = await copy('express');
      const asked: boolean[] = [];
      await assert.rejects(
        stack().preview(wc.dir, { githubToken: (interactive) => (asked.push(interactive), Promise.resolve(undefined)) }),
        (error: unknown) => {
          assert.ok(error instanceof ForgeError, String(error));
          assert.equal(error.code, 'auth-required');
          assert.match(error.message, /private/);
          assert.match(error.hint ?? '', /Sign in to GitHub/);
          return true;
        },
      );
      assert.ok(asked.includes(true), `sign-in was never offered (asked: ${asked.join(',')})`);
    });

    it('a token without access (GitHub: 404) says the token has no access and offers sign-in', async () => {
      const wc = await copy('express');
      await assert.rejects(stack().preview(wc.dir, { githubToken: () => Promise.resolve(NO_ACCESS_TOKEN) }), (error: unknown) => {
        assert.ok(error instanceof ForgeError, String(error));
        assert.equal(error.code, 'auth-failed');
        assert.match(error.message, /has no access/);
        assert.match(error.hint ?? '', /Sign in to GitHub/);
        return true;
      });
    });

    it('an unpushed local branch clones the upstream branch that exists, once', async () => {
      const wc = await copy('express');
      await git(wc.dir, ['checkout', '-q', '-b', 'not-pushed']);
      await git(wc.dir, ['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'local only']);
      const before = (stack().backend.requests ?? []).length;
      const outcome = await stack().preview(wc.dir);
      assert.match((await fetchText(outcome.previewUrl)).text, /Forge fixture: express/);
      const clones = (stack().backend.requests ?? []).slice(before).filter((r) => r.method === 'POST' && r.path.endsWith('/git/clone'));
      assert.equal(clones.length, 1, `clone requests: ${clones.length}`);
      assert.equal((clones[0]?.body as { branch?: string } | undefined)?.branch, 'main');
      assert.ok(stack().git.requests.some((r) => r.credentials?.password === TOKEN));
      await outcome.preview.sandbox.delete();
    });
  });
}
