import * as assert from 'node:assert/strict';
import type { Sandbox } from '../../../src/daytona/port';
import { LogDemuxer } from '../../../src/core/logs/demux';
import { fullCommandLog } from '../../../src/core/logs/fullLog';
import { LineBatcher, SKIPPED_MARKER } from '../../../src/core/logs/lineBatcher';
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
    assert.match(text, /^\[Forge: 990 log lines skipped to keep up; "Forge: Show Full Log" opens the whole log\]\n/);
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

describe('a flood through the log pipeline (demultiplexer, batcher)', () => {
  // 100,000 numbered lines in 8 KB frames, as the log socket receives them; the batcher holds little, so it skips.
  // Every line must be delivered whole or counted by a marker (the stall itself is measured by `npm run bench -- --only log-flood`).
  it('accounts for every line: delivered whole or counted by a skip marker', async () => {
    const LINES = 100_000;
    const marked = Buffer.from(Array.from({ length: LINES }, (_, i) => `\u0001\u0001\u0001line ${i} lorem ipsum\n`).join(''));
    const delivered = new Set<number>();
    let skipped = 0;
    let markers = 0;
    let text = '';
    const batcher = new LineBatcher((chunk) => {
      const marker = SKIPPED_MARKER.exec(chunk);
      if (marker) {
        markers++;
        skipped += Number(marker[1]);
        if (chunk.startsWith('\n')) text += '\n'; // it ends a line whose rest was skipped
        return;
      }
      text += chunk;
    }, { flushMs: 1, maxBufferedChars: 20_000 });
    const demux = new LogDemuxer((chunk) => batcher.push(chunk));
    for (let at = 0; at < marked.length; at += 8192) {
      demux.push(marked.subarray(at, at + 8192));
      if ((at / 8192) % 40 === 0) await new Promise((r) => setTimeout(r, 2)); // let some batches out
    }
    demux.end();
    batcher.dispose();
    const lines = text.split('\n');
    assert.equal(lines.pop(), '', 'the log ends with a whole line');
    for (const line of lines) {
      const match = /^line (\d+) lorem ipsum$/.exec(line);
      // A line whose start was skipped arrives cut: it is counted by the marker before it, so it is not delivered.
      if (match) delivered.add(Number(match[1]));
    }
    assert.ok(markers > 0 && skipped > 0, 'the flood was large enough to skip');
    assert.ok(delivered.has(LINES - 1), 'the newest line is delivered');
    assert.equal(delivered.size + skipped, LINES, 'lost silently: 0');
  });

  it('starts a marker on a line of its own and counts one skipped line in the singular', () => {
    const out: string[] = [];
    const batcher = new LineBatcher((t) => out.push(t), { flushMs: 1_000, maxBufferedChars: 10 });
    batcher.push('partial');
    batcher.flush(true);
    batcher.push(' rest of it\nnext line\n');
    batcher.flush();
    assert.deepEqual(out[0], 'partial');
    assert.match(out[1] ?? '', /^\n\[Forge: 1 log line skipped to keep up/);
    assert.deepEqual(out.slice(2), ['next line\n']);
  });

  it('keeps a trailing partial line back one interval, then delivers it', async () => {
    const out: string[] = [];
    const batcher = new LineBatcher((t) => out.push(t), { flushMs: 5 });
    batcher.push('ready\nPress h for help');
    await new Promise((r) => setTimeout(r, 8));
    assert.deepEqual(out, ['ready\n']);
    await new Promise((r) => setTimeout(r, 15));
    assert.deepEqual(out, ['ready\n', 'Press h for help']);
  });
});

describe('LogTail with a large batch', () => {
  it('keeps the last lines of a chunk holding many more than it keeps', () => {
    const tail = new LogTail(3);
    tail.push('old\n');
    tail.push(`${Array.from({ length: 1000 }, (_, i) => `l${i}`).join('\n')}\npartial`);
    assert.deepEqual(tail.last(), ['l998', 'l999', 'partial']);
  });
});

describe('fullCommandLog (Forge: Show Full Log)', () => {
  const sandboxWith = (logs: { output?: string; stdout?: string; stderr?: string }): Sandbox =>
    ({ process: { getSessionCommandLogs: () => Promise.resolve(logs) } }) as unknown as Sandbox;

  it('interleaves stdout and stderr in the order written, without markers or colour codes', async () => {
    const output = '\u0001\u0001\u0001\u001b[32mready\u001b[39m\n\u0002\u0002\u0002warn: slow\n\u0001\u0001\u0001GET /\n';
    assert.equal(await fullCommandLog(sandboxWith({ output, stdout: 'ready\nGET /\n', stderr: 'warn: slow\n' }), 's', 'c'), 'ready\nwarn: slow\nGET /\n');
  });

  it('uses an output without markers as is, and stdout then stderr when there is none', async () => {
    assert.equal(await fullCommandLog(sandboxWith({ output: 'plain\n' }), 's', 'c'), 'plain\n');
    assert.equal(await fullCommandLog(sandboxWith({ stdout: 'a\n', stderr: 'b\n' }), 's', 'c'), 'a\nb\n');
  });
});
