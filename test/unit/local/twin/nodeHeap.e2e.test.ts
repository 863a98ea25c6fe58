// Faithful twin, point 4 (Forge's half): Daytona's default sandbox has 1 GiB of memory; Forge sizes Node's heap
// from the sandbox's memory instead of a fixed 4096 MiB, which let installs and dev servers grow past the limit.
import * as assert from 'node:assert/strict';
import { eventually, fetchText, useStack } from '../../core/pipeline/harness';

describe('Twin: the Node heap follows the sandbox memory', function () {
  this.timeout(240_000);
  const { stack, copy } = useStack();

  it('a 1 GiB sandbox runs the dev server with a heap limit under 1 GiB', async () => {
    const wc = await copy('express');
    const devCommand = `node -e "console.log('heap-limit=' + require('v8').getHeapStatistics().heap_size_limit)" && node server.js`;
    const outcome = await stack().preview(wc.dir, { settings: { devCommand } });
    assert.equal((await fetchText(outcome.previewUrl)).status, 200);
    await eventually(() => stack().logs.some((l) => /heap-limit=\d+/.test(l)));
    const limit = Number(/heap-limit=(\d+)/.exec(stack().logs.join('\n'))?.[1]);
    assert.equal(outcome.preview.sandbox.memory, 1);
    assert.ok(limit > 0 && limit < 1024 ** 3, `heap limit ${limit} is not under the sandbox's 1 GiB`);
    await outcome.preview.sandbox.delete();
  });
});
