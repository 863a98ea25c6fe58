import * as assert from 'node:assert/strict';
import { autoStopLeftMs, autoStopText } from '../../../../src/vscode/views/autoStop';
import { presentSandbox } from '../../../../src/vscode/views/sandboxPresentation';
import { forgeSandbox } from './sandboxFixtures';

const NOW = Date.parse('2026-01-01T12:00:00.000Z');
const ago = (ms: number): string => new Date(NOW - ms).toISOString();

describe('auto-stop countdown', () => {
  it('counts down from the last activity and the auto-stop interval', () => {
    const sandbox = forgeSandbox({ autoStopInterval: 15, lastActivityAt: ago(3 * 60_000) });
    assert.equal(autoStopLeftMs(sandbox, NOW), 12 * 60_000);
    assert.equal(autoStopText(sandbox, NOW, false), 'stops in 12 min');
    assert.equal(autoStopText(forgeSandbox({ autoStopInterval: 15, lastActivityAt: ago(14 * 60_000 + 30_000) }), NOW, false), 'stops in under a minute');
    assert.equal(autoStopText(forgeSandbox({ autoStopInterval: 15, lastActivityAt: ago(20 * 60_000) }), NOW, false), 'stopping soon');
    assert.equal(autoStopText(forgeSandbox({ autoStopInterval: 600, lastActivityAt: ago(0) }), NOW, false), 'stops in 10 h');
  });

  it('runs no countdown for a watched, stopped, never-stopping or never-active sandbox', () => {
    assert.equal(autoStopText(forgeSandbox({ lastActivityAt: ago(0) }), NOW, true), 'kept awake');
    assert.equal(autoStopText(forgeSandbox({ state: 'stopped', lastActivityAt: ago(0) }), NOW, false), undefined);
    assert.equal(autoStopText(forgeSandbox({ autoStopInterval: 0, lastActivityAt: ago(0) }), NOW, false), undefined);
    assert.equal(autoStopText(forgeSandbox({ lastActivityAt: 'not a date' }), NOW, false), undefined);
    assert.equal(autoStopText(forgeSandbox({}), NOW, false), undefined);
  });

  it('puts the countdown in the tree description', () => {
    const sandbox = forgeSandbox({ autoStopInterval: 15, lastActivityAt: ago(3 * 60_000) });
    assert.equal(presentSandbox(sandbox, { isCurrent: true, now: NOW }).description, 'running · main · stops in 12 min · this workspace');
    assert.equal(presentSandbox(sandbox, { isCurrent: false, now: NOW, watched: true }).description, 'running · main · kept awake');
  });
});
