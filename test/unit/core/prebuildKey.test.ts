import * as assert from 'node:assert/strict';
import { prebuildKey, prebuildSubpath, type PrebuildKeyInput } from '../../../src/core/pipeline/prebuild';

const base: PrebuildKeyInput = { fingerprint: 'f'.repeat(64), packageManager: 'npm', nodeMajor: '20', configs: {} };

describe('Prebuild key', () => {
  it('is the same for the same inputs (another branch, a recreated sandbox)', () => {
    assert.equal(prebuildKey(base), prebuildKey({ ...base, configs: {} }));
  });

  it('misses on a changed lockfile/manifest/command (fingerprint), package manager, its version, Node major or config', () => {
    const key = prebuildKey(base);
    for (const changed of [
      { ...base, fingerprint: 'e'.repeat(64) },
      { ...base, packageManager: 'pnpm' },
      { ...base, packageManagerVersion: '10.1.0' },
      { ...base, nodeMajor: '22' },
      { ...base, configs: { '.npmrc': 'legacy-peer-deps=true\n' } },
    ]) {
      assert.notEqual(prebuildKey(changed), key, JSON.stringify(changed));
    }
    assert.notEqual(prebuildKey({ ...base, configs: { '.npmrc': 'a' } }), prebuildKey({ ...base, configs: { '.npmrc': 'b' } }));
  });

  it('names the package manager and Node major, and is safe as a file name', () => {
    assert.match(prebuildKey(base), /^npm-node20-[0-9a-f]{32}$/);
  });

  it('keeps each repository\'s prebuilds in a subpath of its own', () => {
    assert.notEqual(prebuildSubpath('acme/web'), prebuildSubpath('acme/api'));
    assert.match(prebuildSubpath('acme/web'), /^prebuilds\/[0-9a-f]{24}$/);
  });
});
