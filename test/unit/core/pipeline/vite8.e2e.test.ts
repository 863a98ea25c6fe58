// create-vite 9.3's React template (Vite 8) previewed end to end on the local backend: install, dev server,
// page and main module through the preview proxy. Vite 8 probes its port on every wildcard host before it
// listens, which the old port-remapping preload answered with "Port 5173 is already in use".
import * as assert from 'node:assert/strict';
import type { PreviewOutcome } from '../../../../src/core/pipeline/run';
import { makeWorkingCopy, type WorkingCopy } from '../../../support/fixtureRepo';
import { fetchText, startStack, type Stack } from './harness';

describe('Preview end to end: a Vite 8 app (create-vite react-ts)', function () {
  this.timeout(300_000);
  let stack: Stack;
  let wc: WorkingCopy;
  let outcome: PreviewOutcome;

  before(async () => {
    stack = await startStack();
    wc = await makeWorkingCopy('vite8-react', { gitServer: stack.git });
    try {
      outcome = await stack.preview(wc.dir);
    } catch (error) {
      console.log(stack.logs.slice(-40).join('\n'));
      throw error;
    }
  });
  after(async () => {
    await stack?.close();
    await wc?.cleanup();
  });

  it('serves the page and its main module through the preview, isolated', async () => {
    assert.equal(stack.backend.isolated, true);
    const page = await fetchText(outcome.previewUrl);
    assert.equal(page.status, 200);
    assert.match(page.text, /<div id="root"><\/div>/);
    // The page's own module request, as a browser sends it: same origin, the token not in its URL.
    const main = await fetchText(new URL('src/main.tsx', outcome.previewUrl).toString(), { 'Sec-Fetch-Site': 'same-origin' });
    assert.equal(main.status, 200);
    assert.match(main.text, /createRoot/);
    assert.ok(!stack.logs.some((line) => /already in use/.test(line)), 'no "port in use" in the logs');
  });
});
