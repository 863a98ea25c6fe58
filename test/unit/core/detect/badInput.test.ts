import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { detectApps } from '../../../../src/core/detect/detectApps';
import { ForgeError, type ForgeErrorCode } from '../../../../src/common/errors';
import { FIXTURES_DIR } from '../../../support/fixtureRepo';
import { tempProject } from './tempProject';

function isForgeError(code: ForgeErrorCode, ...mentions: readonly string[]) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof ForgeError, `expected a ForgeError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    for (const text of mentions) assert.ok(error.message.includes(text), `"${error.message}" should mention "${text}"`);
    assert.ok(error.hint, 'a next step for the user');
    return true;
  };
}

/** Captures everything written to stdout and stderr while `work` runs. */
async function captureOutput(work: () => Promise<unknown>): Promise<string> {
  const chunks: string[] = [];
  const original = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const capture = (chunk: string | Uint8Array): boolean => {
    chunks.push(String(chunk));
    return true;
  };
  process.stdout.write = capture;
  process.stderr.write = capture;
  try {
    await work().catch(() => undefined);
  } finally {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
  }
  return chunks.join('');
}

describe('detectApps on bad input', () => {
  const cleanups: (() => Promise<void>)[] = [];
  const project = async (files: Readonly<Record<string, string>>): Promise<string> => {
    const made = await tempProject(files);
    cleanups.push(made.cleanup);
    return made.dir;
  };
  after(async () => {
    await Promise.all(cleanups.map((c) => c()));
  });

  it('a malformed package.json names the file and the position of the error', async () => {
    const file = path.join(FIXTURES_DIR, 'bad-json', 'package.json');
    await assert.rejects(detectApps(path.join(FIXTURES_DIR, 'bad-json')), isForgeError('bad-package-json', file, 'line 5, column 3'));
  });

  it('a malformed workspace package names that package file, and nothing is printed (no stack trace)', async () => {
    const dir = await project({
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['apps/*'] }),
      'apps/web/package.json': '{ "name": "web", "scripts": { "dev": "vite" ',
    });
    const output = await captureOutput(() => assert.rejects(detectApps(dir), isForgeError('bad-package-json', path.join(dir, 'apps/web/package.json'), 'line 1')));
    assert.equal(output, '');
  });

  it('a package.json that is not an object', async () => {
    const dir = await project({ 'package.json': '["not", "an", "object"]' });
    await assert.rejects(detectApps(dir), isForgeError('bad-package-json', path.join(dir, 'package.json'), 'JSON object'));
  });

  it('no package.json at all', async () => {
    const dir = path.join(FIXTURES_DIR, 'no-package-json');
    await assert.rejects(detectApps(dir), isForgeError('no-package-json', dir));
  });

  it('no dev or start script and no framework', async () => {
    const dir = path.join(FIXTURES_DIR, 'no-scripts');
    await assert.rejects(detectApps(dir), isForgeError('nothing-to-run', path.join(dir, 'package.json'), 'dev'));
  });

  it('a workspace where no package can run', async () => {
    const dir = await project({
      'package.json': JSON.stringify({ name: 'mono', workspaces: ['packages/*'] }),
      'packages/lib/package.json': JSON.stringify({ name: 'lib', scripts: { build: 'tsc' } }),
    });
    await assert.rejects(detectApps(dir), isForgeError('nothing-to-run', path.join(dir, 'package.json'), 'workspace'));
  });

  for (const appPath of ['../outside', '/etc', 'C:/code/app', '..']) {
    it(`forge.appPath ${appPath} outside the repository`, async () => {
      await assert.rejects(detectApps(path.join(FIXTURES_DIR, 'pnpm-workspace'), { appPath }), isForgeError('bad-setting', 'forge.appPath'));
    });
  }

  it('forge.appPath that does not exist', async () => {
    await assert.rejects(detectApps(path.join(FIXTURES_DIR, 'pnpm-workspace'), { appPath: 'apps/missing' }), isForgeError('bad-setting', 'apps/missing'));
  });

  it('forge.appPath pointing at a folder without package.json', async () => {
    const dir = await project({ 'package.json': JSON.stringify({ scripts: { dev: 'node a.js' } }), 'docs/readme.md': '# docs' });
    await assert.rejects(detectApps(dir, { appPath: 'docs' }), isForgeError('no-package-json', path.join(dir, 'docs')));
  });

  for (const port of [0, -1, 65536, 3000.5, Number.NaN]) {
    it(`forge.port ${port}`, async () => {
      await assert.rejects(detectApps(path.join(FIXTURES_DIR, 'vite-react'), { port }), isForgeError('bad-setting', 'forge.port'));
    });
  }
});
