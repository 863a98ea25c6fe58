// Attacks through "Preview Branch or Pull Request…" (issue 13, finding 3 and "local git calls hardened
// everywhere"): listing origin's refs is a network git call, which keeps the user's transports and credentials.
// A repository's own .git/config must still run nothing on the host then: its remote's uploadpack (run locally for
// a path remote), core.sshCommand, a credential helper. Each case first shows the
// planted config does run with plain git (so the case can fail), then that Forge's listing runs none of it.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { listPreviewRefs } from '../../../src/core/refs/previewRefs';
import { git, tryGit } from '../../support/git';
import type { Lane } from '../kit/lane';
import type { Case } from '../kit/runner';

interface Plant {
  readonly name: string;
  /** The origin URL the repository gets. */
  readonly origin: (lane: Lane, upstream: string) => string;
  /** The .git/config entries that run `command`. */
  readonly config: (command: string) => readonly (readonly [string, string])[];
}

const PLANTS: readonly Plant[] = [
  {
    name: 'remote.origin.uploadpack (a path origin)',
    origin: (_lane, upstream) => upstream,
    config: (command) => [['remote.origin.uploadpack', `${command}; git-upload-pack`]],
  },
  {
    name: 'core.sshCommand (an ssh origin)',
    origin: () => 'ssh://git@forge-attack.invalid/acme/app.git',
    config: (command) => [['core.sshCommand', `${command}; false`]],
  },
  {
    name: 'credential.helper (an origin that asks for credentials)',
    origin: (lane) => `${lane.git.baseUrl}/acme/private-attack.git`,
    config: (command) => [['credential.helper', `!${command}; false`]],
  },
];

export function refAttackCases(): Case<Lane>[] {
  return PLANTS.map((plant) => ({
    suite: 'attacks',
    name: `listing branches and pull requests runs the repository's ${plant.name} on the host`,
    run: (lane) => plantedListing(lane, plant),
  }));
}

async function plantedListing(lane: Lane, plant: Plant): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'forge-attack-refs-'));
  try {
    const upstream = path.join(dir, 'upstream');
    const repo = path.join(dir, 'repo');
    const marker = path.join(dir, 'PWNED');
    await git(dir, ['init', '-q', '-b', 'main', upstream]);
    await git(upstream, ['commit', '-q', '--allow-empty', '-m', 'one']);
    await git(dir, ['init', '-q', '-b', 'main', repo]);
    const origin = plant.origin(lane, upstream);
    await git(repo, ['remote', 'add', 'origin', origin]);
    for (const [key, value] of plant.config(`touch '${marker}'`)) await git(repo, ['config', key, value]);

    // The control: plain git in the repository runs the planted command.
    await tryGit(repo, ['ls-remote', 'origin'], { GIT_ALLOW_PROTOCOL: 'file:http:https:ssh' });
    assert.ok(existsSync(marker), `the planted ${plant.name} does not run with plain git: the case would prove nothing`);
    await unlink(marker);

    // What "Preview Branch or Pull Request…" runs (a failure to list is fine; running the command is not).
    await listPreviewRefs(repo, { githubHost: lane.git.baseUrl, token: undefined }).catch(() => undefined);
    assert.ok(!existsSync(marker), `listing the refs ran the repository's ${plant.name} on the host`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
