import { strict as assert } from 'node:assert';
import { isOptedIn, looksSecret, secretFilesMessage, withoutSecretFiles } from '../../../src/core/repo/secretFiles';

describe('secret-looking files', () => {
  it('recognises env files, keys, certificates and credentials files, not their templates', () => {
    for (const p of ['.env', '.env.local', 'apps/web/.env.production', 'server.key', 'certs/dev.pem', 'id_rsa', '.ssh/id_ed25519', 'id_ed25519.pub', '.npmrc', '.netrc']) assert.ok(looksSecret(p), p);
    for (const p of ['.env.example', '.env.sample', 'apps/.env.template', 'src/env.ts', 'keyboard.js', 'README.md', 'environment.d.ts']) assert.ok(!looksSecret(p), p);
  });

  it('lets files through that forge.sync.includeIgnored names, directly or by a folder', () => {
    assert.ok(isOptedIn(['.env'], '.env'));
    assert.ok(isOptedIn(['./certs/'], 'certs/dev.pem'));
    assert.ok(!isOptedIn(['cert'], 'certs/dev.pem'));
    const { keep, secret } = withoutSecretFiles(['a.js', '.env', 'certs/dev.pem'], (p) => p, ['certs']);
    assert.deepEqual([keep, secret], [['a.js', 'certs/dev.pem'], ['.env']]);
  });

  it('names the skipped files in one sentence with the way to opt in', () => {
    assert.equal(secretFilesMessage(['.env']), 'Not sending 1 file that looks like a secret: .env (add it to forge.sync.includeIgnored to send it).');
    assert.match(secretFilesMessage(Array.from({ length: 10 }, (_, i) => `k${i}.pem`)), /10 files .*k7\.pem, …/);
  });
});
