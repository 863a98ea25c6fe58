// The folder the integration tier opens: a git repository made from a fixture (when it exists) in a temp dir.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';
import { runChecked } from './proc';

export const DEFAULT_FIXTURE = 'vite-react';

/**
 * Copies test/fixtures/<fixture> (FORGE_TEST_FIXTURE overrides the name; an empty folder when the fixture does
 * not exist) into `dir` and commits it, so Forge sees a real repository.
 */
export async function createWorkspace(dir: string, fixture = process.env['FORGE_TEST_FIXTURE'] ?? DEFAULT_FIXTURE): Promise<string> {
  const source = path.join(repoRoot, 'test', 'fixtures', fixture);
  if (fs.existsSync(source)) {
    fs.cpSync(source, dir, { recursive: true, filter: (p) => !p.split(path.sep).includes('node_modules') });
  } else {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'README.md'), '# An empty Forge test workspace\n');
  }
  const git = (...args: string[]): Promise<string> =>
    runChecked('git', ['-c', 'user.name=Forge Tests', '-c', 'user.email=tests@forge.invalid', '-c', 'init.defaultBranch=main', ...args], { cwd: dir });
  await git('init', '-q');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'fixture');
  return dir;
}
