import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { ForgeError } from '../../../../src/common/errors';
import { fetchText, useStack } from './harness';

describe('devcontainer.json through the whole pipeline (local backend, real SDK)', function () {
  this.timeout(240_000);
  const { stack, copy } = useStack();

  it('serves on forwardPorts 4000, with the containerEnv value and the file postCreateCommand wrote; postStartCommand on each start', async () => {
    const wc = await copy('devcontainer');
    const outcome = await stack().preview(wc.dir);
    assert.equal(outcome.app.port, 4000);
    const page = await fetchText(outcome.previewUrl);
    assert.equal(page.status, 200);
    assert.match(page.text, /env=hello-from-containerEnv/);
    assert.match(page.text, /created=made-by-postCreate/);
    assert.match(page.text, /starts=1</);
    const logs = stack().logs.join('\n');
    assert.match(logs, /devcontainer\.json: preview port 4000 \(forwardPorts, onAutoForward openPreview, label "Fixture app"\)/);
    assert.match(logs, /devcontainer\.json: sandbox environment FORGE_DC_GREETING/);
    assert.match(logs, /devcontainer\.json: image \S+ not used: the small sandbox class/);
    assert.equal(logs.split('\n').filter((l) => l.includes('ignoring keys Forge does not use')).length, 1);
    assert.match(logs, /ignoring keys Forge does not use: name, customizations/);

    // Settings win: forge.envVars over containerEnv. postCreateCommand does not run again in the same sandbox.
    const before = stack().logs.length;
    const again = await stack().preview(wc.dir, { settings: { envVars: { FORGE_DC_GREETING: 'from-settings' } } });
    assert.equal(again.preview.info.sandboxId, outcome.preview.info.sandboxId);
    assert.match((await fetchText(again.previewUrl)).text, /env=from-settings/);
    assert.ok(stack().logs.slice(before).some((l) => l.includes('postCreateCommand already ran in this sandbox')));
    // A running sandbox reused: no new start. Stopped, then previewed again: postStartCommand runs again.
    assert.match((await fetchText(again.previewUrl)).text, /starts=1</);
    await again.preview.sandbox.stop(60);
    const restarted = await stack().preview(wc.dir);
    assert.match((await fetchText(restarted.previewUrl)).text, /created=made-by-postCreate<\/p><p>starts=2</);
  });

  it('refuses a malformed devcontainer.json with its file and line, before any sandbox is made', async () => {
    const wc = await copy('plain-node', { localChanges: { untracked: { '.devcontainer.json': '{\n  "forwardPorts": [4000]\n  "image": "x"\n}\n' } } });
    const before = await stack().sandboxes();
    await assert.rejects(stack().preview(wc.dir), (error: unknown) => {
      assert.ok(error instanceof ForgeError);
      assert.equal(error.code, 'bad-setting');
      assert.match(error.message, /^\.devcontainer\.json line 3, column 3: comma expected/);
      return true;
    });
    assert.equal((await stack().sandboxes()).length, before.length);
  });

  it('a failing postCreateCommand stops the preview with its output', async () => {
    const wc = await copy('plain-node');
    await writeFile(path.join(wc.dir, '.devcontainer.json'), '{ "postCreateCommand": "echo broken-setup >&2; exit 4" }\n');
    await assert.rejects(stack().preview(wc.dir), (error: unknown) => {
      assert.ok(error instanceof ForgeError);
      assert.match(error.message, /postCreateCommand from \.devcontainer\.json failed \(exit code 4\)/);
      assert.ok(error.logTail.some((l) => l.includes('broken-setup')));
      return true;
    });
  });
});
