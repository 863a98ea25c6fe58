import * as assert from 'node:assert/strict';
import { benchRows, whyFromSteps } from '../../bench/lib/rows';

describe('Bench table rows (bench/lib/rows.ts)', () => {
  it('marks time to preview against the floor: warm ≤ 1.0 ×, cold ≤ 1.1 ×, new branch ≤ 0.5 ×', () => {
    const [warmOk, warmMiss, coldOk, branchMiss] = benchRows([
      { bench: 'time-to-preview', fixture: 'vite', caches: 'warm', forge_ms: 2000, floor_ms: 2000 },
      { bench: 'time-to-preview', fixture: 'vite', caches: 'warm', forge_ms: 2100, floor_ms: 2000, forge_steps: { total: 2050, install: 1500, ready: 400, code: 100, repo: 50 } },
      { bench: 'time-to-preview', fixture: 'vite', caches: 'cold', forge_ms: 2200, floor_ms: 2000 },
      { bench: 'new-branch', fixture: 'next', forge_ms: 1100, floor_ms: 2000, forge_steps: { ready: 800 } },
    ]);
    assert.equal(warmOk?.ok, true);
    assert.equal(warmMiss?.ok, false);
    assert.equal(warmMiss?.why, 'largest steps: install 1,500 ms, ready 400 ms, code 100 ms');
    assert.equal(coldOk?.ok, true);
    assert.equal(branchMiss?.ok, false);
    assert.match(branchMiss?.why ?? '', /ready 800 ms/);
  });

  it('does not claim what was not measured: save without a real save, re-preview of a stopped sandbox, activation without a baseline', () => {
    const [save, re, act] = benchRows([
      { bench: 'save-to-preview', p50_ms: 80, p95_ms: 120 },
      { bench: 're-preview', fixture: 'vite', sandbox: 'stopped', forge_ms: 300 },
      { bench: 'activation', activate_ms: 3, activate_with_loading_ms: 150, sdk_loaded: false },
    ]);
    assert.equal(save?.ok, undefined);
    assert.equal(re?.ok, undefined);
    assert.equal(act?.ok, undefined);
    assert.equal(benchRows([{ bench: 'save-to-preview', via: 'vscode', p50_ms: 80, p95_ms: 120 }])[0]?.ok, true);
  });

  it('fails the log flood on a silent loss and a failed benchmark as failed', () => {
    assert.equal(benchRows([{ bench: 'log-flood', lines: 100_000, max_stall_ms: 20, lost_silently: 3 }])[0]?.ok, false);
    assert.equal(benchRows([{ bench: 'log-flood', lines: 100_000, max_stall_ms: 20, lost_silently: 0 }])[0]?.ok, true);
    assert.equal(benchRows([{ bench: 'vsix', error: 'exited with code 1' }])[0]?.ok, false);
    assert.equal(whyFromSteps(undefined), 'no step timings');
  });

  it('judges activation by its overhead over the empty extension, and names a figure measured alone', () => {
    const [over, under] = benchRows([
      { bench: 'activation', overhead_ms: 220.1, sdk_loaded: false },
      { bench: 'activation', overhead_ms: 3.2, sdk_loaded: false, measured_at: '2026-12-01T15:17:25.000Z' },
    ]);
    assert.equal(over?.ok, false);
    assert.equal(under?.ok, true);
    assert.match(under?.what ?? '', /measured alone, 2026-12-01 15:17 UTC/);
    const flood = benchRows([{ bench: 'log-flood', lines: 100_000, max_stall_ms: 30, worst_run_max_stall_ms: 58, runs: 3, lost_silently: 0 }])[0];
    assert.match(flood?.figure ?? '', /30 ms \(median of 3 runs; worst 58 ms\)/);
  });
});
