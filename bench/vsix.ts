// Package size: `npm run package` (production bundle, vsce) and the size of the .vsix it writes.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, emit, main } from './lib/env';
import { runToEnd } from './lib/proc';

main(async () => {
  await runToEnd('npm', ['run', 'package'], { cwd: REPO_ROOT });
  const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const file = path.join(REPO_ROOT, `forge-${version}.vsix`);
  emit({ bench: 'vsix', bytes: statSync(file).size });
});
