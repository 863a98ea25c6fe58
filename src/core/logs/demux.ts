import { TextDecoder } from 'node:util';
import type { LogStream } from './lineBatcher';

const MARKER_LENGTH = 3;
const STDOUT_BYTE = 0x01;
const STDERR_BYTE = 0x02;

/**
 * Splits a Daytona session log (each line prefixed by 01 01 01 for stdout or 02 02 02 for stderr) back into its
 * two streams, in one pass over each frame. A marker may be split across frames; bytes before the first marker are
 * dropped, as the SDK does; each stream has its own UTF-8 decoder, so a character split across frames survives.
 * (The SDK's own demultiplexer copies its buffer byte by byte at every marker: a flood of short lines blocked the
 * extension host for seconds.) Consecutive lines of one stream leave as one text per frame: one decode and one call
 * downstream per frame instead of one per line.
 */
export class LogDemuxer {
  private current: LogStream | undefined;
  private carry: Uint8Array = new Uint8Array(0);
  /** Segments of `current`'s stream in this frame, decoded together when the stream changes or the frame ends. */
  private readonly pending: Uint8Array[] = [];
  private readonly decoders: Record<LogStream, TextDecoder> = { stdout: new TextDecoder(), stderr: new TextDecoder() };

  constructor(private readonly emit: (text: string, stream: LogStream) => void) {}

  push(input: Uint8Array): void {
    const bytes = this.carry.length > 0 ? concat(this.carry, input) : input;
    this.carry = new Uint8Array(0);
    let segmentStart = 0;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (byte !== STDOUT_BYTE && byte !== STDERR_BYTE) continue;
      const remaining = bytes.length - i;
      if (remaining < MARKER_LENGTH) {
        // Possibly the start of a marker that the next frame completes: keep it for then.
        if (bytes.subarray(i).every((b) => b === byte)) {
          this.collect(bytes, segmentStart, i);
          this.release();
          this.carry = bytes.slice(i);
          return;
        }
        continue;
      }
      if (bytes[i + 1] === byte && bytes[i + 2] === byte) {
        this.collect(bytes, segmentStart, i);
        const next = byte === STDOUT_BYTE ? 'stdout' : 'stderr';
        if (next !== this.current) this.release();
        this.current = next;
        i += MARKER_LENGTH - 1;
        segmentStart = i + 1;
      }
    }
    this.collect(bytes, segmentStart, bytes.length);
    this.release();
  }

  /** The stream ended: whatever the decoders still hold (an incomplete character) is delivered as is. */
  end(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const rest = this.decoders[stream].decode();
      if (rest) this.emit(rest, stream);
    }
  }

  private collect(bytes: Uint8Array, from: number, to: number): void {
    if (to > from && this.current !== undefined) this.pending.push(bytes.subarray(from, to));
  }

  /** Decodes and delivers the collected segments (all of `current`'s stream). */
  private release(): void {
    if (this.pending.length === 0 || this.current === undefined) return;
    const [first] = this.pending;
    const joined = this.pending.length === 1 && first ? first : Buffer.concat(this.pending);
    this.pending.length = 0;
    const text = this.decoders[this.current].decode(joined, { stream: true });
    if (text) this.emit(text, this.current);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}
