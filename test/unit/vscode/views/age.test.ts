import * as assert from 'node:assert/strict';
import { formatAgo, formatAutoStop, formatElapsed } from '../../../../src/vscode/views/age';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString();
const MIN = 60_000;

describe('age formatting', () => {
  it('says how long ago, coarsely', () => {
    assert.equal(formatElapsed(ago(10_000), NOW), 'just now');
    assert.equal(formatElapsed(ago(5 * MIN), NOW), '5 min');
    assert.equal(formatElapsed(ago(3 * 60 * MIN + 59 * MIN), NOW), '3 h');
    assert.equal(formatElapsed(ago(2 * 24 * 60 * MIN), NOW), '2 d');
    assert.equal(formatElapsed(ago(21 * 24 * 60 * MIN), NOW), '3 wk');
    assert.equal(formatElapsed(ago(800 * 24 * 60 * MIN), NOW), '2 y');
  });

  it('treats a future date (clock skew) as just now and a bad date as unknown', () => {
    assert.equal(formatElapsed(new Date(NOW + 60_000).toISOString(), NOW), 'just now');
    assert.equal(formatElapsed('not a date', NOW), undefined);
    assert.equal(formatElapsed(undefined, NOW), undefined);
  });

  it('builds "created 3 h ago"', () => {
    assert.equal(formatAgo('created', ago(3 * 60 * MIN), NOW), 'created 3 h ago');
    assert.equal(formatAgo('created', ago(1000), NOW), 'created just now');
    assert.equal(formatAgo('created', undefined, NOW), undefined);
  });

  it('describes auto-stop', () => {
    assert.equal(formatAutoStop(15), 'auto-stop after 15 min idle');
    assert.equal(formatAutoStop(120), 'auto-stop after 2 h idle');
    assert.equal(formatAutoStop(0), 'never auto-stops');
    assert.equal(formatAutoStop(undefined), undefined);
  });
});
