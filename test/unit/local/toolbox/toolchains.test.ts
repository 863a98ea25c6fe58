// Toolchain binds for a PATH like a developer's: nvm, volta, fnm, ~/.local/bin and a bare ~/bin, in a fake
// home that holds an SSH key. Every bind is listed; none is the home, above it, or holds its .ssh.
import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findToolchains } from '../../../../src/local/runner/toolchains';

function executable(file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
}

function link(target: string, at: string): void {
  mkdirSync(dirname(at), { recursive: true });
  symlinkSync(target, at);
}

describe('local runner: toolchain binds never expose a home', () => {
  let root: string;
  let home: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'forge-fakehome-'));
    home = join(root, 'fakehome');
    mkdirSync(join(home, '.ssh'), { recursive: true });
    writeFileSync(join(home, '.ssh', 'id_rsa'), 'PRIVATE KEY');
    const nvm = join(home, '.nvm/versions/node/v20.1.0');
    executable(join(nvm, 'bin/node'));
    executable(join(nvm, 'lib/node_modules/npm/bin/npm-cli.js'));
    link('../lib/node_modules/npm/bin/npm-cli.js', join(nvm, 'bin/npm'));
    executable(join(home, '.volta/bin/volta-shim'));
    link('volta-shim', join(home, '.volta/bin/yarn'));
    const fnm = join(home, '.local/share/fnm/node-versions/v22.0.0/installation');
    executable(join(fnm, 'bin/node'));
    executable(join(fnm, 'lib/node_modules/npm/bin/npm-cli.js'));
    link(fnm, join(home, '.local/state/fnm_multishells/123_456'));
    link(join(nvm, 'bin/node'), join(home, '.local/bin/node'));
    executable(join(home, '.local/bin/bun'));
    executable(join(home, 'bin/pnpm'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('binds exactly each real install prefix, or the lone executable, for nvm, volta, fnm, ~/.local/bin and ~/bin', () => {
    const dirs = ['.nvm/versions/node/v20.1.0/bin', '.volta/bin', '.local/state/fnm_multishells/123_456/bin', '.local/bin', 'bin'].map((d) => join(home, d));
    const found = findToolchains([...dirs, '/usr/bin'].join(':'), '/usr/bin/node', [home]);
    assert.deepEqual([...found.binds].sort(), [
      join(home, '.local/bin/bun'),
      join(home, '.local/share/fnm/node-versions/v22.0.0/installation'),
      join(home, '.nvm/versions/node/v20.1.0'),
      join(home, '.volta'),
      join(home, 'bin/pnpm'),
    ]);
    for (const bind of found.binds) {
      assert.ok(!home.startsWith(bind), `${bind} is the home or above it`);
      assert.ok(!join(home, '.ssh/id_rsa').startsWith(`${bind}/`), `${bind} holds the SSH key`);
    }
    // Every PATH entry inside lies in a bind, so each tool is found there.
    for (const entry of found.pathEntries) assert.ok(found.binds.some((b) => entry === b || entry.startsWith(`${b}/`) || b.startsWith(`${entry}/`)), entry);
  });

  it('binds nothing of a home that is the prefix of its own bin (~/bin/node), only the executable', () => {
    executable(join(home, 'bin/node'));
    const found = findToolchains(`${join(home, 'bin')}:/usr/bin`, '/usr/bin/node', []);
    assert.deepEqual([...found.binds].sort(), [join(home, 'bin/node'), join(home, 'bin/pnpm')]);
    assert.deepEqual(found.pathEntries, [join(home, 'bin')]);
  });
});
