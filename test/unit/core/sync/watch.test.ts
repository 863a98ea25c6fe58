import * as assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { watchAndSync } from '../../../../src/cli/watch';
import { createWorkingTreeReader } from '../../../../src/core/pipeline/defaultWorkingTree';
import type { PreviewOutcome } from '../../../../src/core/pipeline/run';
import { DEFAULT_PREVIEW_SETTINGS } from '../../../../src/core/pipeline/settings';
import type { Logger } from '../../../../src/common/logger';
import { makeWorkingCopy, type WorkingCopy } from '../../../support/fixtureRepo';
import { eventually, fetchText, startStack, type Stack } from '../pipeline/harness';

// `forge preview --watch`: the file system feeds the same queue; a package.json change reinstalls and restarts.
describe('forge preview --watch: file system changes reach the sandbox', function () {
  this.timeout(120_000);
  let stack: Stack;
  let wc: WorkingCopy;
  let outcome: PreviewOutcome;
  let watching: Awaited<ReturnType<typeof watchAndSync>> | undefined;
  const lines: string[] = [];
  let restarts = 0;
  const logger: Logger = { trace: () => undefined, debug: () => undefined, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(String(m)) };

  before(async () => {
    stack = await startStack();
    wc = await makeWorkingCopy('plain-node', { gitServer: stack.git, localChanges: { untracked: { '.gitignore': '.env\n' } } });
    outcome = await stack.preview(wc.dir);
    watching = await watchAndSync({
      preview: outcome.preview,
      tree: createWorkingTreeReader(logger),
      settings: { ...DEFAULT_PREVIEW_SETTINGS, githubHost: stack.git.baseUrl },
      logger,
      onLog: (text) => lines.push(text),
      onRestarted: () => restarts++,
      write: (line) => lines.push(line),
    });
  });
  after(async () => {
    watching?.close();
    await stack.close();
    await wc.cleanup();
  });

  const inSandbox = (relative: string): Promise<string | undefined> => {
    const { sandboxId, repoPath } = outcome.preview.info;
    return readFile(path.join(stack.backend.dataDir, 'sandboxes', sandboxId, 'home', path.basename(repoPath), relative), 'utf8').catch(() => undefined);
  };

  it('sends written and deleted files, never an ignored one, and logs each sync', async () => {
    await writeFile(path.join(wc.dir, '.env'), 'SECRET=1\n');
    await writeFile(path.join(wc.dir, 'watched.txt'), 'from the file system\n');
    await eventually(async () => (await inSandbox('watched.txt')) === 'from the file system\n');
    await rm(path.join(wc.dir, 'watched.txt'));
    await eventually(async () => (await inSandbox('watched.txt')) === undefined);
    await watching?.sync.queue.idle();
    assert.equal(await inSandbox('.env'), undefined);
    assert.ok(lines.some((l) => /^forge: synced 1 change in \d+ ms: watched\.txt/.test(l)), lines.join(''));
    assert.ok(lines.some((l) => l.startsWith('forge: watching ')));
  });

  it('a package.json change reinstalls, restarts the dev server, and the preview answers again', async () => {
    const manifest = JSON.parse(await readFile(path.join(wc.dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(path.join(wc.dir, 'package.json'), `${JSON.stringify({ ...manifest, description: 'changed' }, null, 2)}\n`);
    await eventually(() => restarts === 1, 60_000);
    await watching?.sync.queue.idle();
    assert.equal(watching?.sync.queue.state.phase, 'synced');
    await eventually(async () => (await fetchText(outcome.previewUrl).catch(() => ({ status: 0, text: '' }))).text.includes('Forge fixture: plain-node'), 30_000);
  });
});
