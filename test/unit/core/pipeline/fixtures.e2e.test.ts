import * as assert from 'node:assert/strict';
import type { DetectedApp } from '../../../../src/core/types';
import { fetchText, TOKEN, useStack } from './harness';

// The fixtures issue 4 names, previewed through the whole pipeline on the local backend: real installs from the
// npm registry, real dev servers, the page fetched through the signed preview URL.
describe('Preview pipeline on the framework fixtures', function () {
  this.timeout(600_000);
  const { stack, copy } = useStack();

  it('Next.js: the app router page answers through the preview', async () => {
    const wc = await copy('next-app');
    const outcome = await stack().preview(wc.dir, { settings: { readyTimeoutSeconds: 180 } });
    assert.equal(outcome.app.framework?.id, 'next');
    assert.match((await fetchText(outcome.previewUrl)).text, /Forge fixture: next/);
  });

  it('pnpm workspace with two apps: asks which app, then runs the chosen one with pnpm', async () => {
    const wc = await copy('pnpm-workspace');
    let offered: readonly DetectedApp[] = [];
    const outcome = await stack().preview(wc.dir, {
      chooseApp: (apps) => {
        offered = apps;
        return Promise.resolve(apps.find((a) => a.appPath === 'apps/docs'));
      },
    });
    assert.deepEqual(offered.map((a) => a.appPath).sort(), ['apps/docs', 'apps/web']);
    assert.equal(outcome.app.packageManager, 'pnpm');
    assert.equal(outcome.app.appPath, 'apps/docs');
    assert.match((await fetchText(outcome.previewUrl)).text, /Forge fixture: pnpm docs/i);
  });

  it('SSH remote: converted to an HTTPS clone URL on the GitHub host, cloned with the token', async () => {
    const wc = await copy('express', { remote: 'ssh' });
    const before = stack().git.requests.length;
    const outcome = await stack().preview(wc.dir);
    assert.equal(outcome.facts.cloneUrl, `${stack().git.baseUrl}/${wc.slug ?? ''}.git`);
    assert.ok(stack().git.requests.slice(before).some((r) => r.credentials?.password === TOKEN));
    assert.match((await fetchText(outcome.previewUrl)).text, /Forge fixture: express/);
  });

  it('a folder with no git at all is uploaded and previewed', async () => {
    const wc = await copy('express', { git: false });
    const outcome = await stack().preview(wc.dir);
    assert.equal(outcome.facts.isGit, false);
    assert.match((await fetchText(outcome.previewUrl)).text, /Forge fixture: express/);
  });
});
