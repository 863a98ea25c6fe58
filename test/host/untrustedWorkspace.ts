// The folder of the Restricted Mode cycle (test/integration/untrusted/): the usual fixture repository, made hostile.
// Its .git/config runs a hook on every `git status` (core.fsmonitor) and on every listing of origin's refs
// (remote.origin.uploadpack, for a path origin); both append their working directory to a marker file. Every
// git on the PATH of code-server (and so of the extension host) goes through a wrapper that logs its working
// directory and arguments first. The suite then shows that Forge ran neither, and that both do fire for plain git.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestEnv } from '../integration/support/env';
import { runChecked } from './proc';
import { createWorkspace } from './workspace';

export interface UntrustedWorkspace {
  readonly folder: string;
  /** What code-server's environment gets on top of the usual test environment. */
  readonly env: Readonly<Record<string, string>>;
}

export async function createUntrustedWorkspace(runDir: string): Promise<UntrustedWorkspace> {
  const folder = await createWorkspace(path.join(runDir, 'workspace'));
  const marker = path.join(runDir, 'hooks-ran.log');
  const gitLog = path.join(runDir, 'git-calls.log');
  const realGit = (await runChecked('sh', ['-c', 'command -v git'])).trim();

  const upstream = path.join(runDir, 'upstream.git');
  await runChecked(realGit, ['clone', '-q', '--bare', folder, upstream]);
  const hooks = path.join(runDir, 'hooks');
  fs.mkdirSync(hooks);
  const hook = script(path.join(hooks, 'fsmonitor'), `echo "fsmonitor $PWD" >> '${marker}'\nexit 1`);
  const uploadPack = script(path.join(hooks, 'upload-pack'), `echo "uploadpack $PWD" >> '${marker}'\nexec git-upload-pack "$@"`);
  // `git config` and `git remote add` read and write config only: neither hook runs here.
  await runChecked(realGit, ['-C', folder, 'remote', 'add', 'origin', upstream]);
  await runChecked(realGit, ['-C', folder, 'config', 'core.fsmonitor', hook]);
  await runChecked(realGit, ['-C', folder, 'config', 'remote.origin.uploadpack', uploadPack]);

  const bin = path.join(runDir, 'bin');
  fs.mkdirSync(bin);
  script(path.join(bin, 'git'), `printf '%s\\t%s\\n' "$PWD" "$*" >> '${gitLog}'\nexec '${realGit}' "$@"`);
  return {
    folder,
    env: {
      [TestEnv.trust]: 'untrusted',
      [TestEnv.hookMarker]: marker,
      [TestEnv.gitLog]: gitLog,
      PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}`,
      // Else the server takes PATH from a login shell for the extension host, and the wrapper is gone (VS Code skips
      // resolving the shell environment when it was started from its own CLI).
      VSCODE_CLI: '1',
    },
  };
}

function script(file: string, body: string): string {
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}
