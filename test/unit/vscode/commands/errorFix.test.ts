import * as assert from 'node:assert/strict';
import { errorFix } from '../../../../src/vscode/commands/errorFix';

describe('the button that fixes an error', () => {
  it('opens the package.json a JSON error names', () => {
    assert.deepEqual(errorFix({ code: 'bad-package-json', message: '/work/app/package.json is not valid JSON: line 3.' }), { label: 'Open package.json', kind: 'open-package-json', path: '/work/app/package.json' });
  });

  it('opens the settings at the setting the message or hint names', () => {
    assert.deepEqual(errorFix({ code: 'bad-setting', message: 'forge.port is 0; it must be a whole number from 1 to 65535.' }), { label: 'Open Settings', kind: 'open-setting', setting: 'forge.port' });
    assert.deepEqual(errorFix({ code: 'port-never-opened', message: 'The dev server did not answer on port 3000.', hint: 'Check that it listens on 0.0.0.0:3000 (setting forge.port), or raise forge.readyTimeoutSeconds.' }), { label: 'Open Settings', kind: 'open-setting', setting: 'forge.port' });
    assert.equal(errorFix({ code: 'bad-setting', message: 'Something without a setting name.' }), undefined);
  });

  it('offers a GitHub sign-in for auth errors and the API key for a missing key', () => {
    assert.equal(errorFix({ code: 'auth-required', message: 'The repository needs a sign-in.' })?.kind, 'github-sign-in');
    assert.equal(errorFix({ code: 'api-key', message: 'No Daytona API key is set.' })?.label, 'Set API Key');
  });

  it('offers nothing for errors only the log explains', () => {
    assert.equal(errorFix({ code: 'internal', message: 'x' }), undefined);
    assert.equal(errorFix({ code: 'install-failed', message: 'npm install failed' }), undefined);
  });
});
