import * as assert from 'node:assert/strict';
import { tokenAllowedFor } from '../../../src/core/auth';

describe('tokenAllowedFor', () => {
  it('allows the configured GitHub host over HTTPS only', () => {
    assert.ok(tokenAllowedFor('https://github.com/acme/shop.git', 'github.com'));
    assert.ok(!tokenAllowedFor('http://github.com/acme/shop.git', 'github.com'));
    assert.ok(!tokenAllowedFor('https://gitlab.com/acme/shop.git', 'github.com'));
    assert.ok(!tokenAllowedFor('https://github.com.evil.example/acme/shop.git', 'github.com'));
  });

  it('matches a base URL with scheme and port exactly', () => {
    assert.ok(tokenAllowedFor('http://127.0.0.1:8123/acme/shop.git', 'http://127.0.0.1:8123'));
    assert.ok(!tokenAllowedFor('http://127.0.0.1:9999/acme/shop.git', 'http://127.0.0.1:8123'));
  });

  it('refuses what is not a URL', () => {
    assert.ok(!tokenAllowedFor('git@github.com:acme/shop.git', 'github.com'));
  });
});
