import * as assert from 'node:assert/strict';
import { mkdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { PreviewOutcome } from '../../../../src/core/pipeline/run';
import type { FileEvent, SyncState } from '../../../../src/core/sync/events';
import { createSyncFilter } from '../../../../src/core/sync/syncFilter';
import { SyncQueue, type SyncQueueOptions } from '../../../../src/core/sync/syncQueue';
import type { Logger } from '../../../../src/common/logger';
import { makeWorkingCopy, type WorkingCopy } from '../../../support/fixtureRepo';
import { startStack, type Stack } from '../pipeline/harness';

// The sync queue against a real preview (plain-node fixture, local backend, real SDK): what arrives in the sandbox's
// checkout, what never does, and how failures are reported.
describe('SyncQueue: working-tree changes reach the sandbox', function () {
  this.timeout(120_000);
  let stack: Stack;
  let wc: WorkingCopy;
  let outcome: PreviewOutcome;
  const queues: SyncQueue[] = [];
  const logs: string[] = [];
  const logger: Logger = { trace: () => undefined, debug: (m) => logs.push(m), info: (m) => logs.push(m), warn: (m) => logs.push(m), error: (m) => logs.push(String(m)) };

  before(async () => {
    stack = await startStack();
    wc = await makeWorkingCopy('plain-node', { gitServer: stack.git, localChanges: { untracked: { '.gitignore': '.env\nsecret/\n' } } });
    outcome = await stack.preview(wc.dir);
  });
  after(async () => {
    for (const queue of queues) queue.dispose();
    await stack.close();
    await wc.cleanup();
  });
  afterEach(() => stack.backend.faults.clear());

  function sandboxFile(relative: string): string {
    const { sandboxId, repoPath } = outcome.preview.info;
    return path.join(stack.backend.dataDir, 'sandboxes', sandboxId, 'home', path.basename(repoPath), relative);
  }
  const inSandbox = (relative: string): Promise<string | undefined> => readFile(sandboxFile(relative), 'utf8').catch(() => undefined);

  function queue(options: Partial<SyncQueueOptions> & { includeIgnored?: readonly string[] } = {}): { queue: SyncQueue; states: SyncState[]; batches: { uploaded: readonly string[]; deleted: readonly string[] }[] } {
    const states: SyncState[] = [];
    const batches: { uploaded: readonly string[]; deleted: readonly string[] }[] = [];
    const q = new SyncQueue({
      sandbox: outcome.preview.sandbox,
      localRoot: wc.dir,
      repoPath: outcome.preview.info.repoPath,
      filter: createSyncFilter(wc.dir, options.includeIgnored ?? []),
      logger,
      retryDelayMs: 20,
      onState: (s) => states.push(s),
      onBatch: (b) => batches.push(b),
      ...options,
    });
    queues.push(q);
    return { queue: q, states, batches };
  }

  async function write(relative: string, content: string): Promise<void> {
    await mkdir(path.dirname(path.join(wc.dir, relative)), { recursive: true });
    await writeFile(path.join(wc.dir, relative), content);
  }

  it('sends saves, new files, deletions and renames in one debounced batch, then reports synced', async () => {
    const { queue: q, states, batches } = queue();
    await write('server.js', 'edited\n');
    await write('src/new.js', 'new\n');
    await write('old-name.txt', 'moved\n');
    q.push({ kind: 'changed', path: 'server.js' }, { kind: 'created', path: 'src/new.js' }, { kind: 'created', path: 'old-name.txt' });
    await q.idle();
    assert.equal(await inSandbox('old-name.txt'), 'moved\n');

    await rename(path.join(wc.dir, 'old-name.txt'), path.join(wc.dir, 'new-name.txt'));
    await rm(path.join(wc.dir, 'src/new.js'));
    q.push({ kind: 'renamed', from: 'old-name.txt', path: 'new-name.txt' }, { kind: 'deleted', path: 'src/new.js' });
    await q.idle();

    assert.equal(await inSandbox('server.js'), 'edited\n');
    assert.equal(await inSandbox('new-name.txt'), 'moved\n');
    assert.equal(await inSandbox('old-name.txt'), undefined);
    assert.equal(await inSandbox('src/new.js'), undefined);
    assert.equal(batches.length, 2, 'events pushed together travel in one batch');
    assert.deepEqual([...batches[0]?.uploaded ?? []].sort(), ['old-name.txt', 'server.js', 'src/new.js']);
    assert.deepEqual(states.map((s) => s.phase), ['syncing', 'synced', 'syncing', 'synced']);
  });

  it('coalesces repeated saves of one file and never runs two uploads at once', async () => {
    const sandbox = outcome.preview.sandbox;
    const original = sandbox.fs.uploadFiles.bind(sandbox.fs);
    let inFlight = 0;
    let maxInFlight = 0;
    sandbox.fs.uploadFiles = async (...args: Parameters<typeof original>) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        return await original(...args);
      } finally {
        inFlight--;
      }
    };
    try {
      const { queue: q } = queue({ debounceMs: 5 });
      for (let i = 0; i < 30; i++) {
        await write('counter.txt', `${i}\n`);
        q.push({ kind: 'changed', path: 'counter.txt' });
        if (i % 7 === 0) await new Promise((r) => setTimeout(r, 15));
      }
      await q.idle();
      assert.equal(await inSandbox('counter.txt'), '29\n', 'the last save wins');
      assert.equal(maxInFlight, 1);
    } finally {
      sandbox.fs.uploadFiles = original;
    }
  });

  it('a save reported twice (editor save, then the file watcher) is uploaded once; a new save or a resync sends it again', async () => {
    const { queue: q, batches } = queue({ debounceMs: 5 });
    await write('twice.txt', 'one\n');
    q.push({ kind: 'changed', path: 'twice.txt' });
    await q.idle();
    q.push({ kind: 'changed', path: 'twice.txt' });
    await q.idle();
    assert.deepEqual(batches.map((b) => b.uploaded), [['twice.txt']], 'the second report of the same bytes sent nothing');
    await write('twice.txt', 'two\n');
    q.push({ kind: 'changed', path: 'twice.txt' });
    await q.idle();
    assert.equal(await inSandbox('twice.txt'), 'two\n');
    await q.flushNow({ kind: 'changed', path: 'twice.txt' });
    assert.deepEqual(batches.map((b) => b.uploaded), [['twice.txt'], ['twice.txt'], ['twice.txt']], 'a new save and a resync are sent');
  });

  it('an editor save (pushNow) leaves without waiting out the debounce', async () => {
    const { queue: q, batches } = queue({ debounceMs: 60_000 });
    await write('saved.txt', 'saved\n');
    q.pushNow({ kind: 'changed', path: 'saved.txt' });
    await q.idle();
    assert.equal(await inSandbox('saved.txt'), 'saved\n', 'a 60 s debounce was waited out');
    assert.deepEqual(batches.map((b) => b.uploaded), [['saved.txt']]);
  });

  it('never sends ignored files (unless opted in), node_modules, .git, build output, or paths leaving the repository', async () => {
    const { queue: q } = queue();
    await write('.env', 'SECRET=1\n');
    await write('secret/key.txt', 'k\n');
    await write('node_modules/x/index.js', 'x\n');
    await write('dist/out.js', 'built\n');
    await symlink('/etc/passwd', path.join(wc.dir, 'passwd-link'));
    const events: FileEvent[] = ['.env', 'secret/key.txt', 'node_modules/x/index.js', 'dist/out.js', 'passwd-link', '../outside.txt', '.git/config'].map((p) => ({ kind: 'created', path: p }));
    await write('visible.txt', 'yes\n');
    q.push(...events, { kind: 'created', path: 'visible.txt' });
    await q.idle();
    assert.equal(await inSandbox('visible.txt'), 'yes\n');
    for (const relative of ['.env', 'secret/key.txt', 'node_modules/x/index.js', 'dist/out.js', 'passwd-link']) {
      assert.equal(await inSandbox(relative), undefined, `${relative} must not reach the sandbox`);
    }
    assert.equal(await stat(path.join(path.dirname(sandboxFile('x')), '..', 'outside.txt')).catch(() => undefined), undefined);
    assert.equal(q.state.phase, 'synced');

    const { queue: optedIn } = queue({ includeIgnored: ['.env'] });
    optedIn.push({ kind: 'changed', path: '.env' }, { kind: 'changed', path: 'secret/key.txt' });
    await optedIn.idle();
    assert.equal(await inSandbox('.env'), 'SECRET=1\n', 'forge.sync.includeIgnored opts .env in');
    assert.equal(await inSandbox('secret/key.txt'), undefined);
  });

  it('a folder deleted or created as one event is handled whole', async () => {
    const { queue: q } = queue();
    await write('pages/a.txt', 'a\n');
    await write('pages/deep/b.txt', 'b\n');
    q.push({ kind: 'created', path: 'pages' });
    await q.idle();
    assert.equal(await inSandbox('pages/deep/b.txt'), 'b\n');
    await rm(path.join(wc.dir, 'pages'), { recursive: true });
    q.push({ kind: 'deleted', path: 'pages' });
    await q.idle();
    assert.equal(await stat(sandboxFile('pages')).catch(() => undefined), undefined);
  });

  it('retries a transient failure, and reports a lasting one as out of sync until a later batch succeeds', async () => {
    const upload = '^/toolbox/[^/]+/files/bulk-upload$';
    const { queue: q, states } = queue();
    stack.backend.faults.add({ method: 'POST', path: upload, times: 1, effect: { kind: 'respond', status: 503 } });
    await write('retried.txt', '1\n');
    q.push({ kind: 'changed', path: 'retried.txt' });
    await q.idle();
    assert.equal(await inSandbox('retried.txt'), '1\n');
    assert.equal(q.state.phase, 'synced');

    stack.backend.faults.add({ method: 'POST', path: upload, times: 'always', effect: { kind: 'respond', status: 503 } });
    await write('stuck.txt', 'stuck\n');
    q.push({ kind: 'changed', path: 'stuck.txt' });
    await q.idle();
    assert.equal(q.state.phase, 'out-of-sync');
    assert.match(q.state.reason ?? '', /Could not send 1 file change to the sandbox/);
    assert.equal(await inSandbox('stuck.txt'), undefined);

    stack.backend.faults.clear();
    await write('later.txt', 'later\n');
    q.push({ kind: 'changed', path: 'later.txt' });
    await q.idle();
    assert.equal(q.state.phase, 'synced');
    assert.equal(await inSandbox('stuck.txt'), 'stuck\n', 'the failed file rides along with the next batch');
    assert.deepEqual(states.map((s) => s.phase).filter((p, i, all) => p !== all[i - 1]), ['syncing', 'synced', 'syncing', 'out-of-sync', 'syncing', 'synced']);
  });

  it('a batch the sandbox does not answer in time is sent again', async () => {
    const { queue: q } = queue({ batchTimeoutMs: 400 });
    stack.backend.faults.add({ method: 'POST', path: '^/toolbox/[^/]+/files/bulk-upload$', times: 1, delayMs: 3_000, effect: { kind: 'pass' } });
    await write('slow.txt', 'slow\n');
    q.push({ kind: 'changed', path: 'slow.txt' });
    await q.idle();
    assert.equal(q.state.phase, 'synced');
    assert.equal(await inSandbox('slow.txt'), 'slow\n');
    assert.ok(logs.some((l) => /retrying .*did not answer within/.test(l)), logs.join('\n'));
  });

  it('a file the sandbox keeps refusing does not hold back later saves, and stays out of sync until it goes through', async () => {
    const { queue: q } = queue();
    // A folder in the sandbox where the local file is: every upload of it is refused (not a transient failure).
    await mkdir(sandboxFile('blocked.txt'), { recursive: true });
    await write('blocked.txt', 'blocked\n');
    q.push({ kind: 'changed', path: 'blocked.txt' });
    await q.idle();
    assert.equal(q.state.phase, 'out-of-sync');
    await write('free.txt', 'free\n');
    q.push({ kind: 'changed', path: 'free.txt' });
    await q.idle();
    assert.equal(await inSandbox('free.txt'), 'free\n');
    assert.equal(q.state.phase, 'out-of-sync', 'blocked.txt is still missing from the sandbox');
    await rm(sandboxFile('blocked.txt'), { recursive: true });
    q.push({ kind: 'changed', path: 'free.txt' });
    await q.idle();
    assert.equal(await inSandbox('blocked.txt'), 'blocked\n');
    assert.equal(q.state.phase, 'synced');
  });

  it('a lockfile or package.json change calls the reinstall callback once it is in the sandbox', async () => {
    const seen: string[][] = [];
    const { queue: q } = queue({
      onManifestChange: async (paths) => {
        seen.push([...paths]);
        assert.equal(await inSandbox('package-lock.json'), '{}\n', 'the callback runs after the upload');
      },
    });
    await write('package-lock.json', '{}\n');
    await write('README.md', 'no reinstall for this\n');
    q.push({ kind: 'created', path: 'package-lock.json' }, { kind: 'created', path: 'README.md' });
    await q.idle();
    assert.deepEqual(seen, [['package-lock.json']]);
    q.push({ kind: 'changed', path: 'README.md' });
    await q.idle();
    assert.equal(seen.length, 1);
  });
});
