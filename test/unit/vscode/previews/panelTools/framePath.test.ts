import * as assert from 'node:assert/strict';
import { FrameHistory, frameUrlFor, parseAddressInput } from '../../../../../src/vscode/previews/panelTools/framePath';

const LOCAL = 'http://127.0.0.1:41234/?DAYTONA_SANDBOX_AUTH_KEY=k3q9zt2m8xw4v7pa';
const DAYTONA = 'https://3000-k3q9zt2m8xw4v7pa.proxy.daytona.works/';

describe('panel address bar', () => {
  it('takes paths, with query and fragment, and normalizes them', () => {
    assert.deepEqual(parseAddressInput('/dashboard?x=1'), { path: '/dashboard?x=1' });
    assert.deepEqual(parseAddressInput('about'), { path: '/about' });
    assert.deepEqual(parseAddressInput('  /a/../b#top '), { path: '/b#top' });
    assert.deepEqual(parseAddressInput(''), { path: '/' });
    assert.deepEqual(parseAddressInput('?q=1'), { path: '/?q=1' });
  });

  it('refuses other origins, schemes, protocol-relative and backslash tricks, control characters', () => {
    const attacks = [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'https://evil.example/',
      '//evil.example/x',
      '\\\\evil.example/x',
      '/\\evil.example/x',
      'http:evil.example',
      'vbscript:x',
      '/ok\n//evil',
      'x'.repeat(3000),
    ];
    for (const attack of attacks) assert.ok('error' in parseAddressInput(attack), `accepted ${JSON.stringify(attack)}`);
  });

  it('joins a path to the signed URL: same origin, signed query (the token) kept and winning', () => {
    assert.equal(frameUrlFor(LOCAL, '/about'), 'http://127.0.0.1:41234/about?DAYTONA_SANDBOX_AUTH_KEY=k3q9zt2m8xw4v7pa');
    assert.equal(frameUrlFor(LOCAL, '/d?x=1&DAYTONA_SANDBOX_AUTH_KEY=stolen#h'), 'http://127.0.0.1:41234/d?x=1&DAYTONA_SANDBOX_AUTH_KEY=k3q9zt2m8xw4v7pa#h');
    assert.equal(frameUrlFor(DAYTONA, '/dashboard?x=1'), 'https://3000-k3q9zt2m8xw4v7pa.proxy.daytona.works/dashboard?x=1');
    assert.equal(frameUrlFor('http://127.0.0.1:9/signed/tok/', '/about'), 'http://127.0.0.1:9/signed/tok/about');
    for (const attack of ['//evil.example/', 'javascript:alert(1)', '/\\evil.example']) {
      assert.equal(new URL(frameUrlFor(DAYTONA, attack)).origin, new URL(DAYTONA).origin, attack);
    }
  });

  it('keeps a browser-like history: back, forward, a new path drops the forward entries', () => {
    const history = FrameHistory.start();
    history.push('/a');
    history.push('/b');
    assert.equal(history.back(), '/a');
    assert.equal(history.back(), '/');
    assert.equal(history.canGoBack, false);
    assert.equal(history.back(), '/');
    assert.equal(history.forward(), '/a');
    history.push('/c');
    assert.equal(history.canGoForward, false);
    assert.deepEqual(history.toState(), { entries: ['/', '/a', '/c'], index: 2 });
    for (let i = 0; i < 80; i += 1) history.push(`/p${i}`);
    assert.equal(history.toState().entries.length, FrameHistory.MAX);
  });

  it('restores its state, and starts over at / when the stored state is not one it wrote', () => {
    const restored = FrameHistory.restore({ entries: ['/', '/about'], index: 0 });
    assert.equal(restored.current, '/');
    assert.equal(restored.forward(), '/about');
    for (const bad of [undefined, { entries: ['javascript:alert(1)'], index: 0 }, { entries: ['//evil.example'], index: 0 }, { entries: [], index: 0 }, { entries: '/x' }, { entries: ['about'], index: 0 }]) {
      assert.equal(FrameHistory.restore(bad).current, '/', JSON.stringify(bad));
    }
    assert.equal(FrameHistory.restore({ entries: ['/', '/x'], index: 9 }).current, '/x', 'a bad index lands on the last entry');
  });
});
