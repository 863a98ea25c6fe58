import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { detectApps } from '../../../../src/core/detect/detectApps';
import { planNextDevOrigins } from '../../../../src/core/detect/nextConfigPatch';
import { nextAllowedDevOrigins, previewHostEnv } from '../../../../src/core/detect/previewAllowances';
import { FIXTURES_DIR } from '../../../support/fixtureRepo';
import { tempProject } from './tempProject';

const PREVIEW = 'https://3000-0f1e2d3c.proxy.daytona.works/';

describe('preview host allowances', () => {
  it('Vite gets the whole proxy domain as one leading-dot entry (signed URLs change the first label)', () => {
    assert.deepEqual(previewHostEnv(PREVIEW), { __VITE_ADDITIONAL_SERVER_ALLOWED_HOSTS: '.proxy.daytona.works' });
    assert.deepEqual(previewHostEnv('https://preview.example/'), { __VITE_ADDITIONAL_SERVER_ALLOWED_HOSTS: 'preview.example' });
  });

  it('nothing is needed for IP addresses and localhost, which every dev server accepts', () => {
    for (const url of ['http://127.0.0.1:4000/preview/x/3000/', 'http://[::1]:8080/', 'http://3000-abc.localhost:9000/', 'not a url']) {
      assert.deepEqual(previewHostEnv(url), {});
      assert.deepEqual(nextAllowedDevOrigins(url), []);
    }
  });

  it('Next.js gets the host and a wildcard for the proxy domain', () => {
    assert.deepEqual(nextAllowedDevOrigins(PREVIEW), ['3000-0f1e2d3c.proxy.daytona.works', '*.proxy.daytona.works']);
  });
});

describe('planNextDevOrigins', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    await Promise.all(cleanups.map((c) => c()));
  });
  const nextProject = async (files: Readonly<Record<string, string>>): Promise<string> => {
    const made = await tempProject({ 'package.json': JSON.stringify({ scripts: { dev: 'next dev' }, dependencies: { next: '^15.0.0' } }), ...files });
    cleanups.push(made.cleanup);
    return made.dir;
  };
  const plan = async (dir: string, url = PREVIEW) => {
    const [app] = await detectApps(dir);
    assert.ok(app);
    return planNextDevOrigins(dir, app, url);
  };

  it('wraps an ESM next.config.mjs: the user file is renamed and imported', async () => {
    const patch = await plan(path.join(FIXTURES_DIR, 'next-app'));
    assert.deepEqual(patch?.renames, [{ from: 'next.config.mjs', to: 'next.config.forge-user.mjs' }]);
    const write = patch?.writes[0];
    assert.equal(write?.path, 'next.config.mjs');
    assert.match(write?.content ?? '', /import userConfig from "\.\/next\.config\.forge-user\.mjs"/);
    assert.match(write?.content ?? '', /"\*\.proxy\.daytona\.works"/);
    assert.match(write?.content ?? '', /typeof userConfig === 'function'/);
  });

  it('wraps a CommonJS next.config.js with require', async () => {
    const dir = await nextProject({ 'next.config.js': 'module.exports = { reactStrictMode: true };\n' });
    const patch = await plan(dir);
    assert.deepEqual(patch?.renames, [{ from: 'next.config.js', to: 'next.config.forge-user.js' }]);
    assert.match(patch?.writes[0]?.content ?? '', /require\("\.\/next\.config\.forge-user\.js"\)/);
    assert.match(patch?.writes[0]?.content ?? '', /module\.exports = async function/);
  });

  it('treats next.config.js as ESM in a "type": "module" package, and next.config.ts with an extension-less import', async () => {
    const esm = await tempProject({ 'package.json': JSON.stringify({ type: 'module', scripts: { dev: 'next dev' }, dependencies: { next: '^15.0.0' } }), 'next.config.js': 'export default {};\n' });
    cleanups.push(esm.cleanup);
    assert.match((await plan(esm.dir))?.writes[0]?.content ?? '', /^import userConfig from "\.\/next\.config\.forge-user\.js"/m);
    const ts = await nextProject({ 'next.config.ts': 'export default {};\n' });
    const content = (await plan(ts))?.writes[0]?.content ?? '';
    assert.match(content, /^\/\/ @ts-nocheck/);
    assert.match(content, /import userConfig from "\.\/next\.config\.forge-user";/);
  });

  it('writes a fresh next.config.mjs when there is none, and nothing for other frameworks or IP previews', async () => {
    const dir = await nextProject({});
    assert.deepEqual(await plan(dir), { renames: [], writes: [{ path: 'next.config.mjs', content: 'export default { allowedDevOrigins: ["3000-0f1e2d3c.proxy.daytona.works","*.proxy.daytona.works"] };\n' }] });
    assert.equal(await plan(dir, 'http://127.0.0.1:3000/'), undefined);
    assert.equal(await plan(path.join(FIXTURES_DIR, 'vite-react')), undefined);
  });

  it('paths are relative to the repository root for a workspace app', async () => {
    const [web] = await detectApps(path.join(FIXTURES_DIR, 'npm-workspaces'));
    assert.equal(web?.appPath, 'apps/web');
    const patch = await planNextDevOrigins(path.join(FIXTURES_DIR, 'npm-workspaces'), web ?? assert.fail(), PREVIEW);
    assert.equal(patch?.writes[0]?.path, 'apps/web/next.config.mjs');
  });
});
