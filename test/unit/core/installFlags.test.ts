import * as assert from 'node:assert/strict';
import { cacheSeedCommand, fastInstallCommand } from '../../../src/core/pipeline/installFlags';
import type { DetectedApp } from '../../../src/core/types';
import { toolEnv } from '../../../src/core/pipeline/installStep';

const npmApp = { packageManager: 'npm', lockfile: 'package-lock.json', installPath: '', installCommand: 'npm ci' } as unknown as DetectedApp;

describe('Install fast flags and the npm lower cache', () => {
  it('adds --prefer-offline, --no-audit and --no-fund to npm, --prefer-offline to pnpm, nothing elsewhere', () => {
    assert.equal(fastInstallCommand('npm ci'), 'npm ci --prefer-offline --no-audit --no-fund');
    assert.equal(fastInstallCommand('npm install'), 'npm install --prefer-offline --no-audit --no-fund');
    assert.equal(fastInstallCommand('pnpm i --frozen-lockfile'), 'pnpm i --frozen-lockfile --prefer-offline');
    assert.equal(fastInstallCommand('yarn install --frozen-lockfile'), 'yarn install --frozen-lockfile');
    assert.equal(fastInstallCommand('bun install'), 'bun install');
    assert.equal(fastInstallCommand(': nothing to install'), ': nothing to install');
  });

  it('seeds the cache only for npm with npm\'s lockfile and a cache volume, from the install folder', () => {
    assert.match(cacheSeedCommand(npmApp, true) ?? '', /node -e .* package-lock\.json \/run\/forge-host-cache\/npm "\$npm_config_cache\/_cacache"/s);
    assert.match(cacheSeedCommand({ ...npmApp, installPath: 'web', lockfile: 'web/package-lock.json' }, true) ?? '', / package-lock\.json /);
    assert.equal(cacheSeedCommand(npmApp, false), undefined);
    assert.equal(cacheSeedCommand({ ...npmApp, packageManager: 'pnpm', lockfile: 'pnpm-lock.yaml' }, true), undefined);
    assert.equal(cacheSeedCommand({ ...npmApp, lockfile: undefined } as unknown as DetectedApp, true), undefined);
  });

  it('turns off npm\'s update check for installs and dev servers, with or without the cache volume', () => {
    // A new sandbox's npm has no record of its last check, so it would ask the registry on every install.
    assert.equal(toolEnv(false)['npm_config_update_notifier'], 'false');
    assert.equal(toolEnv(true)['npm_config_update_notifier'], 'false');
  });
});
