import * as assert from 'node:assert/strict';
import { isHttpUrl, parsePanelMessage, parseWebviewMessage } from '../../../src/vscode/previews/messages';

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
