import * as assert from 'node:assert/strict';
import { LineBatcher } from '../../../src/core/logs/lineBatcher';
import { LogTail } from '../../../src/core/logs/tail';

describe('LineBatcher', () => {
  it('delivers many chunks as one batch without ANSI colour codes', async () => {
    const delivered: string[] = [];
    const batcher = new LineBatcher((text) => delivered.push(text), { flushMs: 5 });
    batcher.push('\u001b[32mready\u001b[39m in 120 ms\n');
    batcher.push('line 2\n');
    assert.deepEqual(delivered, []);
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(delivered, ['ready in 120 ms\nline 2\n']);
  });

  it('keeps memory bounded under a flood and says how many lines it skipped', () => {
    const delivered: string[] = [];
    const batcher = new LineBatcher((text) => delivered.push(text), { flushMs: 1_000, maxBufferedChars: 100 });
    for (let i = 0; i < 1000; i++) batcher.push(`line ${String(i).padStart(4, '0')}\n`);
    batcher.flush();
    const text = delivered.join('');
    assert.match(text, /\[Forge: \d+ log lines skipped to keep up\]/);
    assert.ok(text.includes('line 0999'));
    assert.ok(!text.includes('line 0000'));
    assert.ok(text.length < 200);
  });
});

describe('LogTail', () => {
  it('keeps lines without colour codes, also when an escape is split across chunks', () => {
    const tail = new LogTail(10);
    tail.push('\u001b[31mError: Port \u001b[1m5173');
    tail.push('\u001b[22m is already in use\u001b[39m\n\u001b[');
    tail.push('2mpartial\u001b[22m');
    assert.deepEqual(tail.last(), ['Error: Port 5173 is already in use', 'partial']);
  });

  it('keeps the last complete and partial lines', () => {
    const tail = new LogTail(3);
    tail.push('a\nb\n');
    tail.push('c\nd\ne');
    assert.deepEqual(tail.last(), ['c', 'd', 'e']);
    assert.deepEqual(tail.last(2), ['d', 'e']);
  });
});
