// `--no-isolation` is the CLI's explicit choice to run the local backend unisolated; without it, isolation is required.
import { strict as assert } from 'node:assert';
import { parsePreviewArgs, PREVIEW_USAGE } from '../../../src/cli/args';
import { LOCAL_SERVE_USAGE } from '../../../src/cli/localServe';

describe('forge CLI: --no-isolation', () => {
  it('is off unless given, for forge preview', () => {
    assert.equal(parsePreviewArgs(['.']).noIsolation, false);
    assert.equal(parsePreviewArgs(['.', '--no-isolation']).noIsolation, true);
  });

  it('is documented with what it means in both usages', () => {
    assert.match(PREVIEW_USAGE, /--no-isolation\s+run the local backend's sandboxes WITHOUT isolation/);
    assert.match(LOCAL_SERVE_USAGE, /--no-isolation\s+run sandboxes WITHOUT isolation/);
  });
});
