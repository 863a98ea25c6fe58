import * as assert from 'node:assert/strict';
import { isHttpUrl, parsePanelMessage, parseWebviewMessage } from '../../../../src/vscode/previews/messages';

describe('preview panel messages', () => {
  it('accepts each webview message', () => {
    for (const type of ['ready', 'openInBrowser', 'copyLink', 'openTerminal', 'reloaded', 'startAndReload']) assert.deepEqual(parseWebviewMessage({ type }), { type });
  });

  it('rejects anything else from the webview', () => {
    const bad: unknown[] = [
      undefined,
      null,
      'ready',
      42,
      [],
      ['ready'],
      {},
      { type: 'Ready' },
      { type: 'openExternal' },
      { type: 'copyLink', url: 'https://evil.example/' },
      { type: 'ready', extra: true },
      { type: ['ready'] },
      Object.create({ type: 'ready' }) as unknown,
      JSON.parse('{"__proto__": {"type": "ready"}}') as unknown,
    ];
    for (const value of bad) assert.equal(parseWebviewMessage(value), undefined, JSON.stringify(value));
  });

  it('accepts share requests carrying at most an opaque share id', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'share' }), { type: 'share' });
    assert.deepEqual(parseWebviewMessage({ type: 'revokeAllShares' }), { type: 'revokeAllShares' });
    assert.deepEqual(parseWebviewMessage({ type: 'revokeShare', id: '0123abcd4567ef89' }), { type: 'revokeShare', id: '0123abcd4567ef89' });
    const bad: unknown[] = [
      { type: 'revokeShare' },
      { type: 'revokeShare', id: 'https://evil.example/' },
      { type: 'revokeShare', id: 'ABC' },
      { type: 'revokeShare', id: '0123abcd4567ef89', url: 'x' },
      { type: 'share', seconds: 99_999_999 },
      { type: 'share', url: 'https://evil.example/' },
      Object.create({ type: 'share' }) as unknown,
      Object.assign(Object.create({ type: 'revokeShare' }) as object, { id: '0123abcd4567ef89', x: 1 }),
    ];
    for (const value of bad) assert.equal(parseWebviewMessage(value), undefined, JSON.stringify(value));
  });

  it('lets the webview show only PNG data URLs as the QR code', () => {
    const row = { id: '0123abcd4567ef89', display: '127.0.0.1:4', expiresAt: 1 };
    assert.ok(parsePanelMessage({ type: 'shares', links: [row], latest: { id: row.id, qr: 'data:image/png;base64,iVBORw0KGgo=', note: 'n' } }));
    assert.ok(parsePanelMessage({ type: 'shares', links: [] }));
    for (const qr of ['javascript:alert(1)', 'data:image/svg+xml;base64,PHN2Zz4=', 'https://evil.example/qr.png', 'data:image/png;base64,"><script>']) {
      assert.equal(parsePanelMessage({ type: 'shares', links: [row], latest: { id: row.id, qr, note: 'n' } }), undefined, qr);
    }
    assert.equal(parsePanelMessage({ type: 'shares', links: [{ id: 'x', display: 1, expiresAt: 1 }] }), undefined);
  });

  it('returns a fresh object, not the one the webview sent', () => {
    const sent = { type: 'ready' };
    assert.notEqual(parseWebviewMessage(sent), sent);
  });

  it('lets the webview accept only http(s) URLs for the frame', () => {
    assert.ok(parsePanelMessage({ type: 'show', url: 'http://127.0.0.1:1/', display: 'x', expiresAt: 1 }));
    assert.equal(parsePanelMessage({ type: 'show', url: 'javascript:alert(1)', display: 'x', expiresAt: 1 }), undefined);
    assert.equal(parsePanelMessage({ type: 'show', url: 'data:text/html,hi', display: 'x', expiresAt: 1 }), undefined);
    assert.equal(parsePanelMessage({ type: 'show', url: 'http://127.0.0.1:1/', display: 'x' }), undefined);
    assert.equal(isHttpUrl('not a url'), false);
  });

  it('checks status messages field by field', () => {
    assert.ok(parsePanelMessage({ type: 'status', phase: 'ready', words: 'running', sync: 'synced' }));
    assert.ok(parsePanelMessage({ type: 'status', phase: 'failed', words: 'failed', sync: 'off', message: 'Dev server exited (code 1)' }));
    for (const phase of ['setting-up', 'restarting', 'starting', 'stopped', 'deleted']) assert.ok(parsePanelMessage({ type: 'status', phase, words: phase, sync: 'off' }), phase);
    assert.equal(parsePanelMessage({ type: 'status', phase: 'exploded', words: 'x', sync: 'synced' }), undefined);
    assert.equal(parsePanelMessage({ type: 'status', phase: 'ready', sync: 'synced' }), undefined, 'the words are required');
    assert.equal(parsePanelMessage({ type: 'status', phase: 'ready', words: 'running', sync: 'synced', message: 3 }), undefined);
    assert.equal(parsePanelMessage({ type: 'eval', code: '1' }), undefined);
  });
});
