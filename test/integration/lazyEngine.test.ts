import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { forgeExtension } from './support/forge';
import { startupProbe } from './support/startupProbe';

// The Daytona SDK costs 100+ ms to load: activation must leave it, and the engine bundle, for first real use.
describe('Activation stays light', () => {
  it('does not load dist/engine.js or @daytonaio/sdk', () => {
    const probe = startupProbe();
    const extensionDir = forgeExtension().extensionPath;
    assert.ok(fs.existsSync(path.join(extensionDir, 'dist', 'engine.js')), 'dist/engine.js is missing: the check would prove nothing');
    assert.ok(
      probe.loadedModules.some((m) => m.endsWith(`${path.sep}dist${path.sep}extension.js`)),
      'dist/extension.js is not among the loaded modules: the probe saw the wrong process',
    );
    const heavy = probe.loadedModules.filter((m) => /[\\/]engine\.js$/.test(m) || m.includes('@daytonaio'));
    assert.deepEqual(heavy, [], `loaded after activation and ${probe.lightCommand}: ${heavy.join(', ')}`);
  });
});
