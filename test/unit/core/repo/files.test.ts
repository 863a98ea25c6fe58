import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { listFilesToUpload } from '../../../../src/core/repo/files';
import { makeWorkingCopy, type WorkingCopy } from '../../../support/fixtureRepo';
import { git } from '../../../support/git';

async function writeTree(root: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await writeFile(path.join(root, relative), content);
  }
}

describe('listFilesToUpload', () => {
  const cleanups: (() => Promise<void>)[] = [];
  let outside: string;

  before(async () => {
    outside = await mkdtemp(path.join(tmpdir(), 'forge-outside-'));
    await writeFile(path.join(outside, 'id_rsa'), 'PRIVATE KEY');
    cleanups.push(() => rm(outside, { recursive: true, force: true }));
  });
  after(async () => {
    await Promise.all(cleanups.map((c) => c()));
  });

  async function workingCopy(name: string, options: Parameters<typeof makeWorkingCopy>[1] = {}): Promise<WorkingCopy> {
    const wc = await makeWorkingCopy(name, options);
    cleanups.push(() => wc.cleanup());
    return wc;
  }

  async function addEscapes(dir: string): Promise<void> {
    await symlink(path.join(outside, 'id_rsa'), path.join(dir, 'key-link'));
    await symlink(outside, path.join(dir, 'outside-dir'));
    await symlink('index.html', path.join(dir, 'inside-link.html'));
    await symlink('missing-target', path.join(dir, 'broken-link'));
  }

  it('git: tracked plus untracked-not-ignored files with sizes; ignored .env and node_modules left out', async () => {
    const wc = await workingCopy('vite-react', { localChanges: { untracked: { '.env': 'SECRET=1', 'notes.md': 'hello', 'node_modules/vite/index.js': 'x', 'dist/app.js': 'x' }, delete: ['vite.config.js'] } });
    await writeFile(path.join(wc.dir, '.gitignore'), 'node_modules/\ndist/\n.env\n');
    const listing = await listFilesToUpload(wc.dir);
    assert.equal(listing.source, 'git');
    assert.deepEqual(listing.files.map((f) => f.path), ['.gitignore', 'index.html', 'notes.md', 'package-lock.json', 'package.json', 'src/App.jsx', 'src/main.jsx']);
    assert.equal(listing.files.find((f) => f.path === 'notes.md')?.size, 5);
    assert.equal(listing.totalBytes, listing.files.reduce((sum, f) => sum + f.size, 0));
    assert.deepEqual(listing.skipped, []);
  });

  it('git: an ignored file is uploaded when includeIgnored names it; a missing one is reported', async () => {
    const wc = await workingCopy('express', { localChanges: { untracked: { '.env': 'SECRET=1', 'config/local/a.json': '{}' } } });
    await writeFile(path.join(wc.dir, '.gitignore'), 'node_modules/\n.env\nconfig/local/\n');
    const listing = await listFilesToUpload(wc.dir, { includeIgnored: ['.env', 'config/local/', 'absent.txt', '../escape'] });
    const paths = listing.files.map((f) => f.path);
    assert.ok(paths.includes('.env'));
    assert.ok(paths.includes('config/local/a.json'));
    assert.deepEqual(listing.skipped.map((s) => s.path).sort(), ['../escape', 'absent.txt']);
  });

  it('git: links that leave the repository are skipped, links inside it are kept', async () => {
    const wc = await workingCopy('static-html');
    await addEscapes(wc.dir);
    await git(wc.dir, ['add', '-A']);
    await git(wc.dir, ['commit', '-q', '-m', 'links']);
    const listing = await listFilesToUpload(wc.dir, { includeIgnored: ['outside-dir/id_rsa'] });
    const paths = listing.files.map((f) => f.path);
    assert.deepEqual(paths, ['index.html', 'inside-link.html']);
    const reasons = Object.fromEntries(listing.skipped.map((s) => [s.path, s.reason]));
    assert.match(reasons['key-link'] ?? '', /outside/);
    assert.match(reasons['outside-dir'] ?? '', /outside/);
    assert.match(reasons['outside-dir/id_rsa'] ?? '', /outside/);
    assert.match(reasons['broken-link'] ?? '', /broken/);
    assert.ok(!paths.some((p) => p.includes('id_rsa')));
  });

  it('git: submodules and nested repositories are skipped, not entered', async () => {
    const library = await workingCopy('express');
    const wc = await workingCopy('plain-node');
    await git(wc.dir, ['submodule', 'add', '-q', library.dir, 'vendor/lib']);
    await git(wc.dir, ['init', '-q', 'nested']);
    await writeFile(path.join(wc.dir, 'nested', 'inner.txt'), 'x');
    const listing = await listFilesToUpload(wc.dir);
    assert.ok(!listing.files.some((f) => f.path.startsWith('vendor/lib') || f.path.startsWith('nested')));
    assert.deepEqual(listing.skipped.map((s) => s.path).sort(), ['nested', 'vendor/lib']);
  });

  it('a folder without git: every file, respecting nested .gitignore files and never node_modules or build output', async () => {
    const wc = await workingCopy('plain-node', { git: false });
    await writeTree(wc.dir, {
      '.gitignore': '*.log\n/secret.txt\n',
      '.env': 'SECRET=1',
      'secret.txt': 'top secret',
      'debug.log': 'x',
      'node_modules/pkg/index.js': 'x',
      'dist/bundle.js': 'x',
      '.next/cache.json': 'x',
      'packages/a/build/out.js': 'x',
      'packages/a/src/index.js': 'x',
      'packages/a/.gitignore': 'generated/\n!keep.log\n',
      'packages/a/generated/x.js': 'x',
      'packages/a/keep.log': 'kept by a nested negation',
      'packages/a/secret.txt': 'not anchored at the root: kept',
      'd i r/ünï.txt': 'unicode',
    });
    await addEscapes(wc.dir);
    await writeFile(path.join(wc.dir, 'index.html'), '<h1>x</h1>');
    const listing = await listFilesToUpload(wc.dir);
    assert.equal(listing.source, 'walk');
    assert.deepEqual(listing.files.map((f) => f.path), [
      '.gitignore',
      'd i r/ünï.txt',
      'index.html',
      'inside-link.html',
      'package.json',
      'packages/a/.gitignore',
      'packages/a/keep.log',
      'packages/a/secret.txt',
      'packages/a/src/index.js',
      'server.js',
    ]);
    // .env is not ignored, but looks like a secret: it stays home unless forge.sync.includeIgnored names it.
    assert.deepEqual(listing.skipped.map((s) => s.path).sort(), ['.env', 'broken-link', 'key-link', 'outside-dir']);
    assert.ok((await listFilesToUpload(wc.dir, { includeIgnored: ['.env'] })).files.some((f) => f.path === '.env'));
  });

  it('a folder without git or .gitignore still leaves dependencies and build output out', async () => {
    const wc = await workingCopy('static-html', { git: false });
    await writeTree(wc.dir, { 'node_modules/a.js': 'x', 'coverage/lcov.info': 'x', '.turbo/log': 'x', 'assets/app.css': 'body{}' });
    const listing = await listFilesToUpload(wc.dir);
    assert.deepEqual(listing.files.map((f) => f.path), ['assets/app.css', 'index.html']);
  });
});
