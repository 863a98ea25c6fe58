import * as assert from 'node:assert/strict';
import { displayAddress, expiryText, frameSourceFor } from '../../../../src/vscode/previews/signedAddress';

const TOKEN = 'k3q9zt2m8xw4v7pa';

describe('signed preview addresses', () => {
  it('allows exactly the origin of a local signed URL', () => {
    assert.equal(frameSourceFor({ url: 'http://127.0.0.1:41234/', token: TOKEN, expiresAt: 0 }), 'http://127.0.0.1:41234');
  });

  it('wildcards the host label that holds the token', () => {
    assert.equal(frameSourceFor({ url: `https://3000-${TOKEN}.proxy.daytona.works/`, token: TOKEN, expiresAt: 0 }), 'https://*.proxy.daytona.works');
    assert.equal(frameSourceFor({ url: `https://3000-${TOKEN.toUpperCase()}.proxy.example.com:8443/x`, token: TOKEN, expiresAt: 0 }), 'https://*.proxy.example.com:8443');
  });

  it('falls back to the scheme when the token is in the registrable domain', () => {
    assert.equal(frameSourceFor({ url: `https://${TOKEN}.com/`, token: TOKEN, expiresAt: 0 }), 'https:');
  });

  it('shows host and path with the token masked, never the query', () => {
    assert.equal(displayAddress({ url: 'http://127.0.0.1:41234/', token: TOKEN, expiresAt: 0 }), '127.0.0.1:41234');
    assert.equal(displayAddress({ url: `https://3000-${TOKEN}.proxy.daytona.works/app?DAYTONA_SANDBOX_AUTH_KEY=${TOKEN}#x`, token: TOKEN, expiresAt: 0 }), '3000-•••.proxy.daytona.works/app');
    assert.equal(displayAddress({ url: `http://127.0.0.1:9/p/${TOKEN}/`, token: TOKEN, expiresAt: 0 }), '127.0.0.1:9/p/•••/');
  });

  it('does not mask when the token is too short to mean anything', () => {
    assert.equal(displayAddress({ url: 'http://127.0.0.1:41234/', token: '', expiresAt: 0 }), '127.0.0.1:41234');
  });

  it('says how long a link lives', () => {
    assert.equal(expiryText(1_000, 2_000), 'expired');
    assert.equal(expiryText(40_000, 0), 'expires in 40 s');
    assert.equal(expiryText(58 * 60_000, 0), 'expires in 58 min');
    assert.equal(expiryText(24 * 3_600_000, 0), 'expires in 24 h');
  });
});
