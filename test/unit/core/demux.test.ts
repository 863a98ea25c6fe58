import * as assert from 'node:assert/strict';
import { LogDemuxer } from '../../../src/core/logs/demux';
import type { LogStream } from '../../../src/core/logs/lineBatcher';

function run(frames: readonly number[][] | readonly Uint8Array[]): { stdout: string; stderr: string; order: LogStream[] } {
  const out = { stdout: '', stderr: '', order: [] as LogStream[] };
  const demux = new LogDemuxer((text, stream) => {
    out[stream] += text;
    if (out.order[out.order.length - 1] !== stream) out.order.push(stream);
  });
  for (const frame of frames) demux.push(frame instanceof Uint8Array ? frame : Uint8Array.from(frame));
  demux.end();
  return out;
}

const bytes = (text: string): number[] => [...Buffer.from(text, 'utf8')];
const OUT = [1, 1, 1];
const ERR = [2, 2, 2];

describe('LogDemuxer', () => {
  it('splits marked lines into stdout and stderr, in order', () => {
    const result = run([[...OUT, ...bytes('hello\n'), ...ERR, ...bytes('oops\n'), ...OUT, ...bytes('bye\n')]]);
    assert.equal(result.stdout, 'hello\nbye\n');
    assert.equal(result.stderr, 'oops\n');
    assert.deepEqual(result.order, ['stdout', 'stderr', 'stdout']);
  });

  it('handles a marker split across frames (the SDK contract: up to two trailing bytes)', () => {
    const result = run([[...OUT, ...bytes('a\n'), 2, 2], [2, ...bytes('b\n'), 1], [1, 1, ...bytes('c\n')]]);
    assert.equal(result.stdout, 'a\nc\n');
    assert.equal(result.stderr, 'b\n');
  });

  it('drops bytes before the first marker, as the SDK does', () => {
    assert.equal(run([[...bytes('noise'), ...OUT, ...bytes('kept\n')]]).stdout, 'kept\n');
  });

  it('keeps a UTF-8 character split across frames whole', () => {
    const euro = bytes('€\n');
    assert.equal(run([[...OUT, euro[0] ?? 0], euro.slice(1)]).stdout, '€\n');
  });

  it('treats a lone 0x01 or 0x02 inside text as text', () => {
    assert.equal(run([[...OUT, ...bytes('a'), 1, ...bytes('b\n')]]).stdout, 'a\u0001b\n');
  });

  it('delivers every byte of a flood of 100,000 lines in large frames (its speed is measured by npm run bench)', () => {
    const line = [...OUT, ...bytes('flood line lorem ipsum dolor sit amet\n')];
    const frame = Uint8Array.from(Array.from({ length: 2000 }, () => line).flat());
    let total = 0;
    const demux = new LogDemuxer((text) => (total += text.length));
    for (let i = 0; i < 50; i++) demux.push(frame);
    assert.equal(total, 50 * 2000 * (line.length - 3));
  });

  it('delivers the consecutive lines of one stream in a frame as one text (one call per frame, not per line)', () => {
    const calls: [string, LogStream][] = [];
    const demux = new LogDemuxer((text, stream) => calls.push([text, stream]));
    demux.push(Uint8Array.from([...OUT, ...bytes('a\n'), ...OUT, ...bytes('b\n'), ...ERR, ...bytes('e\n'), ...OUT, ...bytes('c\n')]));
    assert.deepEqual(calls, [['a\nb\n', 'stdout'], ['e\n', 'stderr'], ['c\n', 'stdout']]);
  });
});
