import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { detectApps } from '../../../../src/core/detect/detectApps';
import type { DetectedApp } from '../../../../src/core/types';
import { FIXTURES_DIR } from '../../../support/fixtureRepo';

type Expected = Pick<DetectedApp, 'appPath' | 'packageManager' | 'installPath' | 'installCommand' | 'devCommand' | 'port'> & {
  readonly framework?: string;
  readonly lockfile?: string;
  readonly env?: Readonly<Record<string, string>>;
};

const BASE_ENV = (port: number): Record<string, string> => ({ PORT: String(port), HOST: '0.0.0.0', BROWSER: 'none' });

const FIXTURES: Readonly<Record<string, readonly Expected[]>> = {
  'vite-react': [{ appPath: '', framework: 'vite', packageManager: 'npm', lockfile: 'package-lock.json', installPath: '', installCommand: 'npm ci', devCommand: 'npm run dev -- --host 0.0.0.0 --port 5173 --strictPort', port: 5173, env: BASE_ENV(5173) }],
  'vite8-react': [{ appPath: '', framework: 'vite', packageManager: 'npm', lockfile: 'package-lock.json', installPath: '', installCommand: 'npm ci', devCommand: 'npm run dev -- --host 0.0.0.0 --port 5173 --strictPort', port: 5173, env: BASE_ENV(5173) }],
  'next-app': [{ appPath: '', framework: 'next', packageManager: 'npm', lockfile: 'package-lock.json', installPath: '', installCommand: 'npm ci', devCommand: 'npm run dev -- -H 0.0.0.0 -p 3000', port: 3000, env: { ...BASE_ENV(3000), NEXT_TELEMETRY_DISABLED: '1' } }],
  express: [{ appPath: '', packageManager: 'npm', lockfile: 'package-lock.json', installPath: '', installCommand: 'npm ci', devCommand: 'npm run start', port: 3000, env: BASE_ENV(3000) }],
  'plain-node': [{ appPath: '', packageManager: 'npm', installPath: '', installCommand: 'npm i', devCommand: 'npm run dev', port: 3000, env: BASE_ENV(3000) }],
  'pnpm-workspace': [
    { appPath: 'apps/web', framework: 'vite', packageManager: 'pnpm', lockfile: 'pnpm-lock.yaml', installPath: '', installCommand: 'pnpm i --frozen-lockfile', devCommand: 'pnpm --filter web run dev --host 0.0.0.0 --port 5173 --strictPort', port: 5173 },
    { appPath: 'apps/docs', packageManager: 'pnpm', lockfile: 'pnpm-lock.yaml', installPath: '', installCommand: 'pnpm i --frozen-lockfile', devCommand: 'pnpm --filter docs run dev', port: 3000 },
  ],
  'npm-workspaces': [
    { appPath: 'apps/web', framework: 'next', packageManager: 'npm', installPath: '', installCommand: 'npm i', devCommand: 'npm --workspace web run dev -- -H 0.0.0.0 -p 3000', port: 3000 },
    { appPath: 'apps/api', packageManager: 'npm', installPath: '', installCommand: 'npm i', devCommand: 'npm --workspace api run start', port: 3000 },
  ],
  nuxt: [{ appPath: '', framework: 'nuxt', packageManager: 'bun', lockfile: 'bun.lock', installPath: '', installCommand: 'bun install --frozen-lockfile', devCommand: 'bun run dev --host 0.0.0.0 --port 3000', port: 3000, env: { ...BASE_ENV(3000), NUXT_TELEMETRY_DISABLED: '1' } }],
  sveltekit: [{ appPath: '', framework: 'svelte-kit', packageManager: 'yarn', lockfile: 'yarn.lock', installPath: '', installCommand: 'yarn install --frozen-lockfile', devCommand: 'yarn run dev --host 0.0.0.0 --port 5173 --strictPort', port: 5173 }],
  astro: [{ appPath: '', framework: 'astro', packageManager: 'npm', installPath: '', installCommand: 'npm i', devCommand: 'npm run dev -- --host 0.0.0.0 --port 4321', port: 4321, env: { ...BASE_ENV(4321), ASTRO_TELEMETRY_DISABLED: '1' } }],
  angular: [{ appPath: '', framework: 'angular', packageManager: 'npm', installPath: '', installCommand: 'npm i', devCommand: 'npm run start -- --host 0.0.0.0 --port 4200', port: 4200, env: { ...BASE_ENV(4200), NG_CLI_ANALYTICS: 'false' } }],
  'react-router': [{ appPath: '', framework: 'react-router', packageManager: 'npm', installPath: '', installCommand: 'npm i', devCommand: 'npm run dev -- --host 0.0.0.0 --port 5173 --strictPort', port: 5173 }],
  // A packageManager field without a lockfile: pnpm, but no frozen install (it would fail).
  'packagemanager-field': [{ appPath: '', framework: 'vite', packageManager: 'pnpm', installPath: '', installCommand: 'pnpm i', devCommand: 'pnpm run dev --host 0.0.0.0 --port 5173 --strictPort', port: 5173 }],
  'static-html': [{ appPath: '', framework: 'static', packageManager: 'npm', installPath: '', installCommand: ': nothing to install', devCommand: 'npx --yes serve@14 --no-clipboard --no-port-switching --listen tcp://0.0.0.0:3000', port: 3000, env: BASE_ENV(3000) }],
};

describe('detectApps on the fixtures', () => {
  const timings: string[] = [];
  after(() => {
    // Figures for the report; not an assertion.
    if (process.env['FORGE_PRINT_TIMINGS']) console.log(`detection time per fixture (ms): ${timings.join(', ')}`);
  });

  for (const [fixture, expected] of Object.entries(FIXTURES)) {
    it(fixture, async () => {
      const started = performance.now();
      const apps = await detectApps(path.join(FIXTURES_DIR, fixture));
      timings.push(`${fixture} ${(performance.now() - started).toFixed(0)}`);
      assert.equal(apps.length, expected.length, JSON.stringify(apps));
      expected.forEach((want, index) => {
        const app = apps[index];
        assert.ok(app);
        assert.equal(app.framework?.id, want.framework);
        assert.equal(app.appPath, want.appPath);
        assert.equal(app.packageManager, want.packageManager);
        assert.equal(app.lockfile, want.lockfile);
        assert.equal(app.installPath, want.installPath);
        assert.equal(app.installCommand, want.installCommand);
        assert.equal(app.devCommand, want.devCommand);
        assert.equal(app.port, want.port);
        assert.deepEqual(app.env, want.env ?? { ...BASE_ENV(want.port), ...app.env });
        assert.equal(app.env['PORT'], String(want.port));
        assert.equal(app.env['HOST'], '0.0.0.0');
      });
    });
  }

  it('names apps after their package, and gives the packageManager version', async () => {
    const [web] = await detectApps(path.join(FIXTURES_DIR, 'pnpm-workspace'));
    assert.equal(web?.name, 'web');
    assert.equal(web?.packageManagerVersion, '9.15.9');
    const [site] = await detectApps(path.join(FIXTURES_DIR, 'vite-react'));
    assert.equal(site?.name, 'fixture-vite-react');
  });
});
