import * as assert from 'node:assert/strict';
import { LIFETIME_CHOICES, MAX_SHARE_SECONDS, lifetimeText, parseLifetime } from '../../../../../src/vscode/previews/panelTools/shareLifetime';

describe('shared link lifetime', () => {
  it('offers 15 min, 1 h and 24 h, none beyond the backend maximum', () => {
    assert.deepEqual(LIFETIME_CHOICES.map((c) => c.seconds), [900, 3600, 86_400]);
    for (const c of LIFETIME_CHOICES) assert.ok(c.seconds <= MAX_SHARE_SECONDS);
  });

  it('parses custom lifetimes and refuses ones too short, too long or malformed', () => {
    assert.deepEqual(parseLifetime('90m'), { seconds: 5400 });
    assert.deepEqual(parseLifetime('1h 30m'), { seconds: 5400 });
    assert.deepEqual(parseLifetime('45 min'), { seconds: 2700 });
    assert.deepEqual(parseLifetime('1d'), { seconds: 86_400 });
    assert.match(String((parseLifetime('25h') as { error: string }).error), /at most 24 hours/);
    assert.match(String((parseLifetime('30s') as { error: string }).error), /at least 1 minute/);
    for (const bad of ['', 'forever', '10', 'h', '1w', '-1h', '1h forever']) assert.ok('error' in parseLifetime(bad), bad);
  });

  it('says lifetimes in words', () => {
    assert.equal(lifetimeText(900), '15 min');
    assert.equal(lifetimeText(3600), '1 h');
    assert.equal(lifetimeText(5400), '1 h 30 min');
    assert.equal(lifetimeText(86_400), '24 h');
  });
});
