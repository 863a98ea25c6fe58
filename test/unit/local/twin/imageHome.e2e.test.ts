// Faithful twin, point 1: an image sandbox runs as the image's user (root for node:22-bookworm), so its home and
// work dir are /root, and Forge builds every sandbox path from the home the daemon reports.
import * as assert from 'node:assert/strict';
import { fetchText, useStack } from '../../core/pipeline/harness';

describe('Twin: image sandboxes run as root (home /root)', function () {
  this.timeout(240_000);
  const { stack, copy } = useStack();

  it('the twin reports /root as home and work dir for an image sandbox, /home/daytona for a snapshot one', async () => {
    const image = await stack().daytona.create({ image: 'node:22-bookworm', resources: { cpu: 1, memory: 1, disk: 3 } });
    const snapshot = await stack().daytona.create();
    try {
      assert.equal(await image.getUserHomeDir(), '/root');
      assert.equal(await image.getWorkDir(), '/root');
      const who = await image.process.executeCommand('echo "$HOME $USER" && pwd');
      assert.equal(who.result.trim(), '/root root\n/root');
      assert.equal(await snapshot.getUserHomeDir(), '/home/daytona');
    } finally {
      await image.delete();
      await snapshot.delete();
    }
  });

  it('previews a medium-class (image) sandbox: the checkout lives under /root and the install runs there', async () => {
    const wc = await copy('express');
    const outcome = await stack().preview(wc.dir, { settings: { resources: { sandboxClass: 'medium', cpu: 2, memory: 4, disk: 10 } } });
    assert.equal(outcome.preview.info.repoPath, `/root/${outcome.preview.info.repoPath.split('/').pop() ?? ''}`);
    const page = await fetchText(outcome.previewUrl);
    assert.equal(page.status, 200);
    assert.match(page.text, /Forge fixture: express/);
    const marker = await outcome.preview.sandbox.process.executeCommand('ls .forge');
    assert.match(marker.result, /install-/);
    await outcome.preview.sandbox.delete();
  });
});
